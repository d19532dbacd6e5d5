package org.attn4j.api.model;

import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * Reads a batch of source sequences. Source ids are INT64 {@code [B, S]}, padded with
 * {@link org.attn4j.api.text.Vocabulary#PAD}; the mask is FLOAT32 {@code [B, S]}, 1 for real
 * tokens. Written against {@link Ops}; thread safety as for {@link org.attn4j.api.Module}.
 */
public interface Encoder {

    EncoderOutput encode(Ops ops, Tensor sourceIds, Tensor sourceMask);

    /** D, the size of each memory vector (the last dimension of {@link EncoderOutput#memory()}). */
    int outputDim();

    /**
     * The longest source, in ids with its EOS, this encoder accepts (a Transformer's position
     * table bounds it); {@link Integer#MAX_VALUE} when nothing does. Translation cuts longer
     * sources to it.
     */
    default int maxSourceLength() {
        return Integer.MAX_VALUE;
    }
}
