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

    /**
     * A model of an encoder and a decoder, which must both be {@link Module}s (their parameters
     * are registered under {@code encoder.} and {@code decoder.}).
     */
    public static Seq2SeqModel of(Encoder encoder, Decoder decoder) {
        return new Composite(encoder, decoder);
    }

    private static final class Composite extends Seq2SeqModel {
        private final Encoder encoder;
        private final Decoder decoder;

        Composite(Encoder encoder, Decoder decoder) {
            if (!(encoder instanceof Module e) || !(decoder instanceof Module d)) {
                throw new IllegalArgumentException("encoder and decoder must be Modules, got "
                        + encoder.getClass().getName() + " and " + decoder.getClass().getName());
            }
            addModule("encoder", e);
            addModule("decoder", d);
            this.encoder = encoder;
            this.decoder = decoder;
        }

        @Override
        public Encoder encoder() {
            return encoder;
        }

        @Override
        public Decoder decoder() {
            return decoder;
        }
    }

    /** Teacher-forced logits {@code [B, T, V]} for source ids {@code [B, S]} and target inputs {@code [B, T]}. */
    public Tensor logits(Ops ops, Tensor sourceIds, Tensor sourceMask, Tensor targetInputs) {
        return decoder().forward(ops, encoder().encode(ops, sourceIds, sourceMask), targetInputs);
    }
}
