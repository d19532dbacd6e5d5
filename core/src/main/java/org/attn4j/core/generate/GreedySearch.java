package org.attn4j.core.generate;

/**
 * Greedy decoding: at every step each row takes its most probable token.
 * <pre>{@code
 * List<List<Hypothesis>> out = new GreedySearch(0).search(model, sources, false);
 * }</pre>
 */
public final class GreedySearch extends TokenByTokenSearch {

    /** @param maxLength the length cap in target tokens; 0 for {@code 2 * source length + 10} */
    public GreedySearch(int maxLength) {
        super(maxLength);
    }

    @Override
    Picker picker(int v) {
        return (logits, off, n) -> {
            int best = 0;
            for (int j = 1; j < n; j++) {
                if (logits[off + j] > logits[off + best]) {
                    best = j;
                }
            }
            return best;
        };
    }
}
