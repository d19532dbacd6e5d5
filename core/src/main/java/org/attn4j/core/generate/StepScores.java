package org.attn4j.core.generate;

/**
 * The result of one {@link StepFunction#step}.
 *
 * @param logits       unnormalised scores, row-major {@code [rows, vocabulary]}
 * @param vocabulary   V, the row length of {@code logits}
 * @param attention    weights over the source, row-major {@code [rows, sourceLength]}, or null
 * @param sourceLength the row length of {@code attention}
 * @param state        the state after this step
 * @param <S>          the state type
 */
public record StepScores<S>(float[] logits, int vocabulary, float[] attention, int sourceLength, S state) {
    public StepScores {
        if (vocabulary <= 0 || logits.length % vocabulary != 0) {
            throw new IllegalArgumentException("logits of length " + logits.length + " are not rows of " + vocabulary);
        }
    }

    /** Number of rows. */
    public int rows() {
        return logits.length / vocabulary;
    }
}
