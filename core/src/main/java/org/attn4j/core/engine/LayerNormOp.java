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
 * the forward keeps only the row means and reciprocal deviations (two floats a row), and the
 * backward recomputes {@code xhat} from the input. Rows are independent, so the forward and the
 * input gradient split the rows over the cores, and the parameter gradients split the columns,
 * each column summing the rows in order. The input gradient is written over the output gradient
 * (dead once this backward returns) and handed to the input when that has no gradient yet.
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
        float[] in = x.data();
        float[] gam = gamma.data();
        float[] bet = beta.data();
        float[] y = new float[in.length];
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        Parallel.range(rows, 4 * d,
                (from, to) -> KERNEL.forward(in, gam, bet, eps, d, y, mean, rstd, from, to));
        return ops.result(y, x.shape, g -> {
            float[] gg = gamma.gradBuffer();
            float[] gb = beta.gradBuffer();
            if (gg != null || gb != null) {
                Parallel.range(d, 2 * rows,
                        (from, to) -> KERNEL.backwardParams(g, in, mean, rstd, d, rows, gg, gb, from, to));
            }
            // after the parameter gradients, which read g: the input gradient may overwrite it
            boolean adopted = x.grad == null && x.adoptGrad(g);
            float[] gx = adopted ? g : x.gradBuffer();
            if (gx != null) {
                Parallel.range(rows, 4 * d, (from, to) -> KERNEL.backwardInput(g, gam, in, mean, rstd, d, gx,
                        !adopted, from, to));
            }
        }, x, gamma, beta);
    }
}
