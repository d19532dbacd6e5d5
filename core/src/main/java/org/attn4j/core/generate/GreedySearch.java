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

    /**
     * @param maxLength the length cap in target tokens; 0 for {@code 2 * source length + 10}
     * @param forceEos  a hypothesis that reaches the cap ends with EOS as its last token (Hugging
     *                  Face's {@code forced_eos_token_id}) instead of being cut after any token
     */
    public GreedySearch(int maxLength, boolean forceEos) {
        super(maxLength, forceEos, 0);
    }

    private GreedySearch(int maxLength, boolean forceEos, int minLength) {
        super(maxLength, forceEos, minLength);
    }

    /**
     * This search, except that EOS is never picked before {@code minLength} tokens. With
     * {@code minLength} equal to the length cap every hypothesis has exactly that many tokens
     * (as benchmark decodes want); the cap still wins over a larger {@code minLength}.
     *
     * @throws IllegalArgumentException if {@code minLength < 0}
     */
    public GreedySearch withMinLength(int minLength) {
        return new GreedySearch(maxLength, forceEos, minLength);
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
