package org.attn4j.api.nn;

import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;

/**
 * Layer normalisation over the last axis (Ba et al. 2016):
 * {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}, biased variance.
 * Shapes: x and y {@code [..., D]}; gamma (init 1) and beta (init 0) {@code [D]}.
 */
public final class LayerNorm extends Module {
    /** The epsilon PyTorch and ONNX use by default. */
    public static final float DEFAULT_EPS = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;
    private final float eps;

    public LayerNorm(int dim) {
        this(dim, DEFAULT_EPS);
    }

    public LayerNorm(int dim, float eps) {
        this.gamma = addParameter("weight", Init.constant(new Parameter(dim), 1f));
        this.beta = addParameter("bias", new Parameter(dim));
        this.eps = eps;
    }

    public Tensor forward(Ops ops, Tensor x) {
        return ops.layerNorm(x, ops.param(gamma), ops.param(beta), eps);
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }
}
