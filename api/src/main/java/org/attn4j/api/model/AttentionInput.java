package org.attn4j.api.model;

import java.util.Objects;
import org.attn4j.api.Tensor;

/**
 * The inputs of one attention call; shapes are documented on {@link Attention}.
 *
 * @param query query vectors {@code [B, Tq, Dq]}
 * @param key   key vectors {@code [B, Tk, Dk]}
 * @param value value vectors {@code [B, Tk, Dv]}
 * @param mask  1 where a key may be attended, {@code [B, Tk]} or {@code [B, Tq, Tk]}; {@code null}
 *              allows every key
 */
public record AttentionInput(Tensor query, Tensor key, Tensor value, Tensor mask) {
    public AttentionInput {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** Self-attention: query, key and value are the same tensor. */
    public static AttentionInput self(Tensor x, Tensor mask) {
        return new AttentionInput(x, x, x, mask);
    }
}
