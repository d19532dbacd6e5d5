package org.attn4j.api.model;

import java.util.Objects;
import org.attn4j.api.Tensor;

/**
 * The result of one decoder step.
 *
 * @param logits    unnormalised scores {@code [B, V]}
 * @param state     the state for the next step
 * @param attention weights over the source {@code [B, S]} (averaged over heads where there are
 *                  several), or {@code null} when not requested
 */
public record StepOutput(Tensor logits, DecoderState state, Tensor attention) {
    public StepOutput {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(state, "state");
    }
}
