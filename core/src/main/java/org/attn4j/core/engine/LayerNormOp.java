package org.attn4j.core.engine;

import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;

/**
 * Layer normalisation over the last axis with its hand-written backward. With
 * {@code xhat = (x - mu) * rstd}: {@code dgamma = sum dy * xhat}, {@code dbeta = sum dy}, and
 * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} where
 * {@code dxhat = dy * gamma}. Row statistics are summed in double with four interleaved
 * accumulators (see {@link #sum}); rows are independent, so they split over the cores.
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
                double mu = sum(in, base, d) / d;
                double var = squaredDeviations(in, base, d, mu) / d;
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
                    double meanDh = dot(g, base, gamma.data, null, d) / d;
                    double meanDhX = dot(g, base, gamma.data, xhat, d) / d;
                    for (int j = 0; j < d; j++) {
                        double dh = g[base + j] * gamma.data[j];
                        gx[base + j] += (float) (rstd[r] * (dh - meanDh - xhat[base + j] * meanDhX));
                    }
                }
            });
        }, x, gamma, beta);
    }

    // The row sums below run four independent accumulators (element j goes to accumulator
    // j mod 4, then (s0 + s1) + (s2 + s3)): a single double accumulator is a chain of dependent
    // additions, one per 4 cycles. The order is fixed, so results do not depend on the cores.

    /** {@code sum x[base .. base + d)} in double. */
    static double sum(float[] x, int base, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            s0 += x[base + j];
            s1 += x[base + j + 1];
            s2 += x[base + j + 2];
            s3 += x[base + j + 3];
        }
        for (; j < d; j++) {
            s0 += x[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum (x_j - mu)^2} over the row, in double. */
    static double squaredDeviations(float[] x, int base, int d, double mu) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double c0 = x[base + j] - mu;
            double c1 = x[base + j + 1] - mu;
            double c2 = x[base + j + 2] - mu;
            double c3 = x[base + j + 3] - mu;
            s0 += c0 * c0;
            s1 += c1 * c1;
            s2 += c2 * c2;
            s3 += c3 * c3;
        }
        for (; j < d; j++) {
            double c = x[base + j] - mu;
            s0 += c * c;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code sum g_j gamma_j} (xhat null) or {@code sum g_j gamma_j xhat_j} over the row, the
     * product {@code g_j gamma_j} rounded to float first as the gradient loop uses it.
     */
    static double dot(float[] g, int base, float[] gamma, float[] xhat, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        if (xhat == null) {
            for (; j + 4 <= d; j += 4) {
                s0 += g[base + j] * gamma[j];
                s1 += g[base + j + 1] * gamma[j + 1];
                s2 += g[base + j + 2] * gamma[j + 2];
                s3 += g[base + j + 3] * gamma[j + 3];
            }
            for (; j < d; j++) {
                s0 += g[base + j] * gamma[j];
            }
        } else {
            for (; j + 4 <= d; j += 4) {
                s0 += (double) (g[base + j] * gamma[j]) * xhat[base + j];
                s1 += (double) (g[base + j + 1] * gamma[j + 1]) * xhat[base + j + 1];
                s2 += (double) (g[base + j + 2] * gamma[j + 2]) * xhat[base + j + 2];
                s3 += (double) (g[base + j + 3] * gamma[j + 3]) * xhat[base + j + 3];
            }
            for (; j < d; j++) {
                s0 += (double) (g[base + j] * gamma[j]) * xhat[base + j];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }
}
