package org.attn4j.api.model;

import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * An encoder–decoder model: the unit that is trained, saved, decoded and exported. Its
 * parameters are the encoder's and the decoder's (a module tree). {@link #logits} is the
 * teacher-forced training path; generation uses the encoder and {@link Decoder#step}.
 */
public abstract class Seq2SeqModel extends Module {

    public abstract Encoder encoder();

    public abstract Decoder decoder();

    /** Teacher-forced logits {@code [B, T, V]} for source ids {@code [B, S]} and target inputs {@code [B, T]}. */
    public Tensor logits(Ops ops, Tensor sourceIds, Tensor sourceMask, Tensor targetInputs) {
        return decoder().forward(ops, encoder().encode(ops, sourceIds, sourceMask), targetInputs);
    }
}
