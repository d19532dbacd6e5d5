package org.attn4j.core.metrics;

import java.util.List;

/** Argument checks shared by the corpus metrics. */
final class Corpus {
    private Corpus() {
    }

    /**
     * Checks that there is at least one hypothesis and one reference stream, that every stream
     * has one reference per hypothesis, and that no segment is null.
     *
     * @throws IllegalArgumentException naming the stream and the counts that differ
     */
    static void check(List<String> hypotheses, List<List<String>> referenceStreams) {
        if (hypotheses == null || hypotheses.isEmpty()) {
            throw new IllegalArgumentException("no hypotheses: a corpus score needs at least one segment");
        }
        if (referenceStreams == null || referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("no reference streams: give at least one");
        }
        for (int i = 0; i < hypotheses.size(); i++) {
            if (hypotheses.get(i) == null) {
                throw new IllegalArgumentException("hypothesis " + (i + 1) + " is null");
            }
        }
        for (int s = 0; s < referenceStreams.size(); s++) {
            List<String> stream = referenceStreams.get(s);
            if (stream == null) {
                throw new IllegalArgumentException("reference stream " + (s + 1) + " is null");
            }
            if (stream.size() != hypotheses.size()) {
                throw new IllegalArgumentException("reference stream " + (s + 1) + " of "
                        + referenceStreams.size() + " has " + stream.size() + " segments but there are "
                        + hypotheses.size() + " hypotheses");
            }
            for (int i = 0; i < stream.size(); i++) {
                if (stream.get(i) == null) {
                    throw new IllegalArgumentException("reference " + (i + 1) + " of stream " + (s + 1) + " is null");
                }
            }
        }
    }
}
