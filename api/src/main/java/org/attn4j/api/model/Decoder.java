package org.attn4j.api.model;

import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * Produces target tokens one step at a time. Decoding loops (greedy, beam, sampling) live
 * outside the model and call {@link #step}; training may call {@link #forward} for all target
 * positions at once (teacher forcing), which must give the same logits as stepping.
 */
public interface Decoder {

    /** The state before the first step, from the encoder's output. */
    DecoderState initialState(Ops ops, EncoderOutput encoded);

    /**
     * One step: INT64 {@code previousTokens [B, 1]} (the last target token of each row, BOS at
     * the start) to logits {@code [B, V]}, the next state, and, if requested, the attention
     * weights over the source {@code [B, S]}.
     */
    StepOutput step(Ops ops, DecoderState state, Tensor previousTokens, boolean returnAttention);

    /** Teacher forcing: target inputs {@code [B, T]} to logits {@code [B, T, V]}. */
    Tensor forward(Ops ops, EncoderOutput encoded, Tensor targetInputs);
}
