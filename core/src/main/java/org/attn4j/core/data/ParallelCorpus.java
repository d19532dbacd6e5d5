package org.attn4j.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Aligned sentence pairs: {@code sources.get(i)} translates to {@code targets.get(i)}.
 *
 * @param sources source sentences, raw text
 * @param targets target sentences, raw text, as many as sources
 * @param origin  where the pairs came from, for messages (file names)
 */
public record ParallelCorpus(List<String> sources, List<String> targets, String origin) {
    public ParallelCorpus {
        Objects.requireNonNull(origin, "origin");
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException(origin + ": " + sources.size() + " sources but " + targets.size() + " targets");
        }
    }

    public int size() {
        return sources.size();
    }

    /** Pairs {@code [from, to)}. */
    public ParallelCorpus slice(int from, int to) {
        return new ParallelCorpus(sources.subList(from, to), targets.subList(from, to), origin + "[" + from + ":" + to + "]");
    }
}
