package org.attn4j.api.model;

import java.util.Objects;
import org.attn4j.api.Tensor;

/**
 * The result of one attention call.
 *
 * @param context the attended values {@code [B, Tq, Dout]}
 * @param weights the attention weights, or {@code null} when not requested
 */
public record AttentionOutput(Tensor context, Tensor weights) {
    public AttentionOutput {
        Objects.requireNonNull(context, "context");
    }
}
