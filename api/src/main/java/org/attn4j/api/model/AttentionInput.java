package org.attn4j.api.model;

import java.util.Map;
import java.util.Objects;
import org.attn4j.api.Tensor;

/**
 * The inputs of one attention call; shapes are documented on {@link Attention}.
 *
 * @param query     query vectors {@code [B, Tq, Dq]}
 * @param key       key vectors {@code [B, Tk, Dk]}
 * @param value     value vectors {@code [B, Tk, Dv]}
 * @param mask      1 where a key may be attended, {@code [B, Tk]} or {@code [B, Tq, Tk]};
 *                  {@code null} allows every key
 * @param positions the target positions of the queries, INT64 {@code [Tq]}, for variants that
 *                  depend on them (local-m centres its window on the query's position); {@code null}
 *                  means {@code 0 .. Tq-1}, right for a whole sequence but not for one decoding
 *                  step, where the decoder passes the step index
 * @param prepared  what {@link Attention#prepare} computed from these keys and values, by name;
 *                  empty when nothing was prepared (the variant then computes it itself)
 */
public record AttentionInput(Tensor query, Tensor key, Tensor value, Tensor mask, Tensor positions,
        Map<String, Tensor> prepared) {
    public AttentionInput {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        prepared = prepared == null ? Map.of() : Map.copyOf(prepared);
    }

    /** Inputs with nothing prepared. */
    public AttentionInput(Tensor query, Tensor key, Tensor value, Tensor mask, Tensor positions) {
        this(query, key, value, mask, positions, Map.of());
    }

    /** Inputs with the default query positions {@code 0 .. Tq-1}. */
    public AttentionInput(Tensor query, Tensor key, Tensor value, Tensor mask) {
        this(query, key, value, mask, null);
    }

    /** Self-attention: query, key and value are the same tensor. */
    public static AttentionInput self(Tensor x, Tensor mask) {
        return new AttentionInput(x, x, x, mask, null);
    }

    /** The same inputs with explicit query positions. */
    public AttentionInput withPositions(Tensor queryPositions) {
        return new AttentionInput(query, key, value, mask, queryPositions, prepared);
    }

    /** The same inputs with what {@link Attention#prepare} returned for their keys and values. */
    public AttentionInput withPrepared(Map<String, Tensor> memory) {
        return new AttentionInput(query, key, value, mask, positions, memory);
    }
}
