package org.attn4j.core.metrics;

/**
 * Perplexity from a language model's or decoder's cross-entropy, measured in nats (natural
 * logarithm, as the engine's cross-entropy loss is): {@code PPL = exp(mean negative
 * log-likelihood per token)}. A uniform guess over {@code V} tokens has perplexity {@code V}.
 *
 * <p>Example: {@code Perplexity.fromTotalLoss(sumOfTokenLosses, tokenCount)}. Stateless.
 */
public final class Perplexity {
    private Perplexity() {
    }

    /**
     * Perplexity from the mean loss per token.
     *
     * @param meanLoss mean negative log-likelihood per token in nats, {@code >= 0} (label
     *        smoothing keeps it non-negative too); a huge value gives
     *        {@link Double#POSITIVE_INFINITY}
     * @throws IllegalArgumentException if {@code meanLoss} is negative or NaN
     */
    public static double fromMeanLoss(double meanLoss) {
        if (!(meanLoss >= 0)) {
            throw new IllegalArgumentException("mean loss must be a non-negative number of nats, got " + meanLoss);
        }
        return Math.exp(meanLoss);
    }

    /**
     * Perplexity from a summed loss over {@code tokens} tokens: {@code exp(totalLoss / tokens)}.
     *
     * @throws IllegalArgumentException if {@code tokens <= 0} or the total is negative or NaN
     */
    public static double fromTotalLoss(double totalLoss, long tokens) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("perplexity needs at least one token, got " + tokens);
        }
        if (!(totalLoss >= 0)) {
            throw new IllegalArgumentException("total loss must be a non-negative number of nats, got " + totalLoss);
        }
        return fromMeanLoss(totalLoss / tokens);
    }
}
