package org.attn4j.transformer;

import java.util.function.UnaryOperator;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.LayerNorm;

/**
 * A sublayer with its residual connection and layer norm, in either placement:
 * post-norm {@code LN(x + dropout(f(x)))} (Vaswani et al. 2017) or pre-norm
 * {@code x + dropout(f(LN(x)))} (Xiong et al. 2020), which keeps an identity path from input to
 * output and trains stably without warm-up tricks.
 */
final class Residual {
    private Residual() {
    }

    /** The sublayer's input: {@code LN(x)} for pre-norm, {@code x} itself for post-norm. */
    static Tensor input(Ops ops, Tensor x, LayerNorm norm, boolean preNorm) {
        return preNorm ? norm.forward(ops, x) : x;
    }

    /** Combines the layer input {@code x} with the sublayer's output {@code fx}. */
    static Tensor output(Ops ops, Tensor x, Tensor fx, LayerNorm norm, boolean preNorm, float dropout) {
        Tensor sum = ops.add(x, ops.dropout(fx, dropout));
        return preNorm ? sum : norm.forward(ops, sum);
    }

    /** {@link #input}, the sublayer, then {@link #output}. */
    static Tensor apply(Ops ops, Tensor x, LayerNorm norm, boolean preNorm, float dropout, UnaryOperator<Tensor> sublayer) {
        return output(ops, x, sublayer.apply(input(ops, x, norm, preNorm)), norm, preNorm, dropout);
    }
}
