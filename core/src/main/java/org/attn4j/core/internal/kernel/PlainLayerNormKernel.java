package org.attn4j.core.internal.kernel;

/**
 * {@link LayerNormKernel} in plain loops: row statistics summed in double with four interleaved
 * accumulators (element j goes to accumulator j mod 4, then {@code (s0 + s1) + (s2 + s3)}), since
 * one double accumulator is a chain of dependent additions, then rounded to float;
 * {@code xhat = (x - mean) * rstd} in float. The order is fixed, so results do not depend on the
 * cores. Stateless and thread-safe.
 */
final class PlainLayerNormKernel implements LayerNormKernel {
    static final PlainLayerNormKernel INSTANCE = new PlainLayerNormKernel();

    private PlainLayerNormKernel() {
    }

    @Override
    public void forward(float[] x, float[] gamma, float[] beta, float eps, int d, float[] y, float[] mean, float[] rstd,
            int fromRow, int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            double mu = sum(x, base, d) / d;
            double var = squaredDeviations(x, base, d, mu) / d;
            float m = (float) mu;
            float rs = (float) (1 / Math.sqrt(var + eps));
            mean[r] = m;
            rstd[r] = rs;
            for (int j = 0; j < d; j++) {
                y[base + j] = (x[base + j] - m) * rs * gamma[j] + beta[j];
            }
        }
    }

    @Override
    public void backwardInput(float[] g, float[] gamma, float[] x, float[] mean, float[] rstd, int d, float[] gx,
            boolean accumulate, int fromRow, int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            float m = mean[r];
            float rs = rstd[r];
            double meanDh = dot(g, base, gamma, null, 0, 0, d) / d;
            double meanDhX = dot(g, base, gamma, x, m, rs, d) / d;
            for (int j = 0; j < d; j++) {
                double dh = g[base + j] * gamma[j];
                float h = (x[base + j] - m) * rs;
                float v = (float) (rs * (dh - meanDh - h * meanDhX));
                gx[base + j] = accumulate ? gx[base + j] + v : v;
            }
        }
    }

    @Override
    public void backwardParams(float[] g, float[] x, float[] mean, float[] rstd, int d, int rows, float[] gg, float[] gb,
            int fromCol, int toCol) {
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            float m = mean[r];
            float rs = rstd[r];
            for (int j = fromCol; j < toCol; j++) {
                float gy = g[base + j];
                if (gg != null) {
                    gg[j] += gy * ((x[base + j] - m) * rs);
                }
                if (gb != null) {
                    gb[j] += gy;
                }
            }
        }
    }

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
     * {@code sum g_j gamma_j} (x null) or {@code sum g_j gamma_j xhat_j} with
     * {@code xhat_j = (x_j - m) * rs} over the row, the product {@code g_j gamma_j} rounded to
     * float first as the gradient loop uses it.
     */
    static double dot(float[] g, int base, float[] gamma, float[] x, float m, float rs, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        if (x == null) {
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
                s0 += (double) (g[base + j] * gamma[j]) * ((x[base + j] - m) * rs);
                s1 += (double) (g[base + j + 1] * gamma[j + 1]) * ((x[base + j + 1] - m) * rs);
                s2 += (double) (g[base + j + 2] * gamma[j + 2]) * ((x[base + j + 2] - m) * rs);
                s3 += (double) (g[base + j + 3] * gamma[j + 3]) * ((x[base + j + 3] - m) * rs);
            }
            for (; j < d; j++) {
                s0 += (double) (g[base + j] * gamma[j]) * ((x[base + j] - m) * rs);
            }
        }
        return (s0 + s1) + (s2 + s3);
    }
}
