package org.attn4j.api.model;

import java.util.Map;
import java.util.Objects;
import org.attn4j.api.Tensor;

/**
 * What an encoder hands to a decoder.
 *
 * @param memory per-position encodings {@code [B, S, D]} that the decoder attends to
 * @param mask   {@code [B, S]}, 1 for real source positions
 * @param finals summary tensors with batch on axis 0 (for RNNs the final states the decoder's
 *               initial state is bridged from); may be empty
 */
public record EncoderOutput(Tensor memory, Tensor mask, Map<String, Tensor> finals) {
    public EncoderOutput {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(mask, "mask");
        finals = Map.copyOf(finals);
    }
}
