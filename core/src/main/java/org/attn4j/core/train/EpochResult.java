package org.attn4j.core.train;

/**
 * What one epoch of training measured.
 *
 * @param epoch           0-based
 * @param trainLoss       mean training loss per target token (label smoothing included)
 * @param validLoss       mean validation cross-entropy per target token (no smoothing), NaN without validation data
 * @param validPerplexity exp(validLoss)
 * @param validBleu       corpus BLEU of greedy translations of the validation sources, NaN when not computed
 * @param tokensPerSecond training target tokens per second of wall time
 * @param seconds         wall time of the epoch, validation included
 * @param best            whether this epoch is the best so far
 */
public record EpochResult(int epoch, double trainLoss, double validLoss, double validPerplexity, double validBleu,
        double tokensPerSecond, double seconds, boolean best) {
}
