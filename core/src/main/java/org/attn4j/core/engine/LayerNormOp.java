package org.attn4j.core.engine;

import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;

/**
 * Layer normalisation over the last axis with its hand-written backward. With
 * {@code xhat = (x - mu) * rstd}: {@code dgamma = sum dy * xhat}, {@code dbeta = sum dy}, and
 * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} where
 * {@code dxhat = dy * gamma}.
 */
final class LayerNormOp {
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
        Parallel.range(rows, 4 * d, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * d;
                double mu = 0;
                for (int j = 0; j < d; j++) {
                    mu += in[base + j];
                }
                mu /= d;
                double var = 0;
                for (int j = 0; j < d; j++) {
                    double c = in[base + j] - mu;
                    var += c * c;
                }
                var /= d;
                double rs = 1 / Math.sqrt(var + eps);
                rstd[r] = (float) rs;
                for (int j = 0; j < d; j++) {
                    float h = (float) ((in[base + j] - mu) * rs);
                    xhat[base + j] = h;
                    y[base + j] = h * gamma.data[j] + beta.data[j];
                }
            }
        });
        return ops.result(y, x.shape, g -> {
            float[] gx = x.gradBuffer();
            float[] gg = gamma.gradBuffer();
            float[] gb = beta.gradBuffer();
            // parameter gradients sum over rows: one pass, rows in order
            if (gg != null || gb != null) {
                for (int r = 0; r < rows; r++) {
                    int base = r * d;
                    for (int j = 0; j < d; j++) {
                        float gy = g[base + j];
                        if (gg != null) {
                            gg[j] += gy * xhat[base + j];
                        }
                        if (gb != null) {
                            gb[j] += gy;
                        }
                    }
                }
            }
            if (gx == null) {
                return;
            }
            // input gradients: each row on its own, so rows split over the cores
            Parallel.range(rows, 4 * d, (from, to) -> {
                for (int r = from; r < to; r++) {
                    int base = r * d;
                    double meanDh = 0;
                    double meanDhX = 0;
                    for (int j = 0; j < d; j++) {
                        double dh = g[base + j] * gamma.data[j];
                        meanDh += dh;
                        meanDhX += dh * xhat[base + j];
                    }
                    meanDh /= d;
                    meanDhX /= d;
                    for (int j = 0; j < d; j++) {
                        double dh = g[base + j] * gamma.data[j];
                        gx[base + j] += (float) (rstd[r] * (dh - meanDh - xhat[base + j] * meanDhX));
                    }
                }
            });
        }, x, gamma, beta);
    }
}
