package org.attn4j.core.train;

/**
 * How a {@link Trainer} trains.
 *
 * @param epochs         passes over the training data, >= 1
 * @param maxTokens      the token budget of a batch (rows x longest side), >= 1
 * @param clipNorm       the global gradient norm is clipped to this; 0 disables clipping
 * @param labelSmoothing epsilon of the label-smoothed cross-entropy, in [0, 1)
 * @param seed           seeds batching, shuffling and dropout (with the epoch number)
 * @param patience       stop after this many epochs without a better validation score; 0 never stops early
 * @param validateBleu   rank epochs by validation BLEU (greedy decoding); otherwise by validation loss
 * @param keep           how many per-epoch checkpoints to keep (the best model is kept apart)
 * @param sampling       scheduled sampling: the probability, in [0, 1), that a decoder input is
 *                       the model's own previous prediction instead of the reference token
 */
public record TrainingSettings(int epochs, int maxTokens, double clipNorm, double labelSmoothing, long seed, int patience,
        boolean validateBleu, int keep, double sampling) {
    public TrainingSettings {
        if (!(sampling >= 0 && sampling < 1)) {
            throw new IllegalArgumentException("training.scheduled_sampling must be in [0, 1), got " + sampling);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("training.epochs must be >= 1, got " + epochs);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("training.max_tokens must be >= 1, got " + maxTokens);
        }
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("training.clip_norm must be >= 0, got " + clipNorm);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("training.label_smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (patience < 0 || keep < 1) {
            throw new IllegalArgumentException("training.patience must be >= 0 and training.keep >= 1, got " + patience
                    + " and " + keep);
        }
    }

    /** Ten epochs of 4,000-token batches, clipping at 1, no smoothing, seed 1, no early stopping, BLEU, keep 2, no sampling. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(10, 4000, 1.0, 0.0, 1, 0, true, 2, 0.0);
    }

    public TrainingSettings withEpochs(int n) {
        return new TrainingSettings(n, maxTokens, clipNorm, labelSmoothing, seed, patience, validateBleu, keep, sampling);
    }
}
