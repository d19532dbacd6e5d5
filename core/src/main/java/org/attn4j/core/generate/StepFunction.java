package org.attn4j.core.generate;

/**
 * What a search algorithm needs from a model: encode a batch of sources once, then advance one
 * target token at a time, and reorder the batch (repeat, keep or drop rows) between steps.
 *
 * <p>The eager engine and the ONNX Runtime sessions each provide one, so greedy, beam and
 * sampling search are written once and decode the same way on every backend. {@code S} is the
 * backend's opaque state (decoder states, encoder memory, caches) with one row per hypothesis.
 * Implementations need not be thread-safe; one search uses one step function at a time.
 *
 * @param <S> the state type
 */
public interface StepFunction<S> {

    /** The number of target tokens V. */
    int vocabularySize();

    /** Encodes source id sequences (each already ending with EOS if the model expects it). */
    S encode(int[][] sources);

    /**
     * One decoding step: {@code previous[r]} is the last token of row r (BOS at the first step).
     * Returns logits {@code [rows, V]} and, when asked, attention over the source
     * {@code [rows, S]} (S the longest source length), and the state after the step.
     */
    StepScores<S> step(S state, int[] previous, boolean withAttention);

    /** A state whose row i is row {@code rows[i]} of {@code state}. */
    S reorder(S state, int[] rows);
}
