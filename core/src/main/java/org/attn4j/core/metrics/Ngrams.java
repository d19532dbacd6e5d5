package org.attn4j.core.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * N-gram counting shared by BLEU and chrF. An n-gram is keyed by its tokens joined with single
 * spaces; tokens never contain whitespace, so keys of different n-grams never collide.
 */
final class Ngrams {
    private Ngrams() {
    }

    /** Counts of the word n-grams of order exactly {@code n} in {@code tokens}. */
    static Map<String, Integer> words(List<String> tokens, int n) {
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i + n <= tokens.size(); i++) {
            key.setLength(0);
            for (int j = i; j < i + n; j++) {
                if (j > i) {
                    key.append(' ');
                }
                key.append(tokens.get(j));
            }
            counts.merge(key.toString(), 1, Integer::sum);
        }
        return counts;
    }

    /** Counts of the character n-grams of order exactly {@code n} over the code points given. */
    static Map<String, Integer> chars(int[] codePoints, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= codePoints.length; i++) {
            counts.merge(new String(codePoints, i, n), 1, Integer::sum);
        }
        return counts;
    }

    /** The sum of all counts. */
    static long total(Map<String, Integer> counts) {
        long sum = 0;
        for (int c : counts.values()) {
            sum += c;
        }
        return sum;
    }

    /** The clipped matches: for each hypothesis n-gram, the smaller of its two counts. */
    static long matches(Map<String, Integer> hyp, Map<String, Integer> ref) {
        long sum = 0;
        for (Map.Entry<String, Integer> e : hyp.entrySet()) {
            Integer r = ref.get(e.getKey());
            if (r != null) {
                sum += Math.min(e.getValue(), r);
            }
        }
        return sum;
    }
}
