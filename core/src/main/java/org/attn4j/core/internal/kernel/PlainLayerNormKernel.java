package org.attn4j.core.internal.kernel;

/**
 * {@link LayerNormKernel} in plain loops: row statistics summed in double with four interleaved
 * accumulators (element j goes to accumulator j mod 4, then {@code (s0 + s1) + (s2 + s3)}), since
 * one double accumulator is a chain of dependent additions. The order is fixed, so results do not
 * depend on the cores. Stateless and thread-safe.
 */
final class PlainLayerNormKernel implements LayerNormKernel {
    static final PlainLayerNormKernel INSTANCE = new PlainLayerNormKernel();

    private PlainLayerNormKernel() {
    }

    @Override
    public void forward(float[] x, float[] gamma, float[] beta, float eps, int d, float[] y, float[] xhat, float[] rstd,
            int fromRow, int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            double mu = sum(x, base, d) / d;
            double var = squaredDeviations(x, base, d, mu) / d;
            double rs = 1 / Math.sqrt(var + eps);
            rstd[r] = (float) rs;
            for (int j = 0; j < d; j++) {
                float h = (float) ((x[base + j] - mu) * rs);
                xhat[base + j] = h;
                y[base + j] = h * gamma[j] + beta[j];
            }
        }
    }

    @Override
    public void backwardInput(float[] g, float[] gamma, float[] xhat, float[] rstd, int d, float[] gx, int fromRow,
            int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            double meanDh = dot(g, base, gamma, null, d) / d;
            double meanDhX = dot(g, base, gamma, xhat, d) / d;
            for (int j = 0; j < d; j++) {
                double dh = g[base + j] * gamma[j];
                gx[base + j] += (float) (rstd[r] * (dh - meanDh - xhat[base + j] * meanDhX));
            }
        }
    }

    @Override
    public void backwardParams(float[] g, float[] xhat, int d, int rows, float[] gg, float[] gb, int fromCol,
            int toCol) {
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            for (int j = fromCol; j < toCol; j++) {
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
