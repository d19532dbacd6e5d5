package org.attn4j.core.engine;

import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.LayerNormKernel;

/**
 * Layer normalisation over the last axis with its hand-written backward. With
 * {@code xhat = (x - mu) * rstd}: {@code dgamma = sum dy * xhat}, {@code dbeta = sum dy}, and
 * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} where
 * {@code dxhat = dy * gamma}. The loops are a {@link LayerNormKernel} (Vector API when present);
 * rows are independent, so the forward and the input gradient split the rows over the cores,
 * and the parameter gradients split the columns, each column summing the rows in order.
 */
final class LayerNormOp {
    private static final LayerNormKernel KERNEL = LayerNormKernel.get();

    private LayerNormOp() {
    }

    static EagerTensor apply(EagerOps ops, EagerTensor x, EagerTensor gamma, EagerTensor beta, float eps) {
        int d = x.rank() == 0 ? 0 : x.dim(-1);
        if (gamma.rank() != 1 || beta.rank() != 1 || gamma.shape[0] != d || beta.shape[0] != d) {
            throw new ShapeException("layerNorm: input " + Shapes.str(x.shape) + " needs gamma and beta of shape [" + d
                    + "], got " + Shapes.str(gamma.shape) + " and " + Shapes.str(beta.shape));
        }
        int rows = x.size() / Math.max(d, 1);
        float[] in = x.data;
        float[] y = new float[in.length];
        float[] xhat = new float[in.length];
        float[] rstd = new float[rows];
        Parallel.range(rows, 4 * d,
                (from, to) -> KERNEL.forward(in, gamma.data, beta.data, eps, d, y, xhat, rstd, from, to));
        return ops.result(y, x.shape, g -> {
            float[] gx = x.gradBuffer();
            float[] gg = gamma.gradBuffer();
            float[] gb = beta.gradBuffer();
            if (gg != null || gb != null) {
                Parallel.range(d, 2 * rows,
                        (from, to) -> KERNEL.backwardParams(g, xhat, d, rows, gg, gb, from, to));
            }
            if (gx != null) {
                Parallel.range(rows, 4 * d,
                        (from, to) -> KERNEL.backwardInput(g, gamma.data, xhat, rstd, d, gx, from, to));
            }
        }, x, gamma, beta);
    }
}
