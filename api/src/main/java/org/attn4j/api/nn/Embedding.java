package org.attn4j.api.nn;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;

/**
 * A lookup table of token vectors, optionally reused as the output projection (tied weights,
 * Press and Wolf 2017).
 *
 * <p>Shapes: table {@code [V, D]}; {@link #forward} maps INT64 ids {@code [...]} to
 * {@code [..., D]}; {@link #project} maps hidden states {@code [..., D]} to logits
 * {@code [..., V]} with the same table ({@code h E^T}). Initialised normal with std
 * 1/sqrt(D).
 */
public final class Embedding extends Module {
    private final Parameter table;

    public Embedding(int vocabularySize, int dim, RandomGenerator rng) {
        this.table = addParameter("weight",
                Init.normal(new Parameter(vocabularySize, dim), (float) (1 / Math.sqrt(dim)), rng));
    }

    /** Vectors for INT64 ids: {@code [...]} to {@code [..., D]}. */
    public Tensor forward(Ops ops, Tensor ids) {
        return ops.gather(ops.param(table), ids);
    }

    /** Tied output projection: {@code [..., D]} to logits {@code [..., V]}. */
    public Tensor project(Ops ops, Tensor hidden) {
        return ops.linear(hidden, ops.param(table), null);
    }

    public Parameter weight() {
        return table;
    }

    public int vocabularySize() {
        return table.shape()[0];
    }

    public int dim() {
        return table.shape()[1];
    }
}
