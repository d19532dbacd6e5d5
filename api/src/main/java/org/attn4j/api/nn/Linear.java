package org.attn4j.api.nn;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;

/**
 * Affine layer {@code y = x W^T + b} over the last axis.
 *
 * <p>Shapes: x {@code [..., in]} gives y {@code [..., out]}; weight {@code W [out, in]}
 * (PyTorch's layout, so weights exchange with other tools unchanged), bias {@code b [out]}.
 * Initialised like PyTorch: both uniform in ±1/sqrt(in).
 */
public final class Linear extends Module {
    private final Parameter weight;
    private final Parameter bias;

    /** A layer with a bias. */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, true, rng);
    }

    public Linear(int in, int out, boolean withBias, RandomGenerator rng) {
        float bound = (float) (1 / Math.sqrt(in));
        this.weight = addParameter("weight", Init.uniform(new Parameter(out, in), bound, rng));
        this.bias = withBias ? addParameter("bias", Init.uniform(new Parameter(out), bound, rng)) : null;
    }

    public Tensor forward(Ops ops, Tensor x) {
        return ops.linear(x, ops.param(weight), bias == null ? null : ops.param(bias));
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return weight.shape()[1];
    }

    public int outFeatures() {
        return weight.shape()[0];
    }
}
