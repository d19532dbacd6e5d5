package org.attn4j.core.internal.kernel;

/**
 * {@link LayerNormKernel} in plain loops, the scalar twin of {@code VectorLayerNormKernel}: the
 * same IEEE operations in the same order, so the two give the same bits. Row sums keep
 * {@value #LANES} float partial sums (element j of the whole blocks of {@value #LANES} into
 * partial sum j mod {@value #LANES}), then add those in index order in double, then the
 * remaining elements in double; the squared deviations and the input gradient's dot products
 * accumulate with fused multiply-adds, and {@code y = fma(xhat, gamma, beta)}. The order is
 * fixed, so results depend neither on the cores nor on the JIT. Stateless and thread-safe.
 */
final class PlainLayerNormKernel implements LayerNormKernel {
    static final PlainLayerNormKernel INSTANCE = new PlainLayerNormKernel();

    /** The float partial sums of a row statistic: the lanes of the vector twin's 256-bit vectors. */
    static final int LANES = 8;

    private PlainLayerNormKernel() {
    }

    @Override
    public void forward(float[] x, float[] gamma, float[] beta, float eps, int d, float[] y, float[] mean, float[] rstd,
            int fromRow, int toRow) {
        int bound = d - d % LANES;
        float[] acc = new float[LANES];
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            java.util.Arrays.fill(acc, 0f);
            int j = 0;
            for (; j < bound; j += LANES) {
                for (int l = 0; l < LANES; l++) {
                    acc[l] += x[base + j + l];
                }
            }
            double s = sum(acc);
            for (; j < d; j++) {
                s += x[base + j];
            }
            float mu = (float) (s / d);
            java.util.Arrays.fill(acc, 0f);
            for (j = 0; j < bound; j += LANES) {
                for (int l = 0; l < LANES; l++) {
                    float c = x[base + j + l] - mu;
                    acc[l] = Math.fma(c, c, acc[l]);
                }
            }
            double ss = sum(acc);
            for (; j < d; j++) {
                double c = x[base + j] - mu;
                ss += c * c;
            }
            float rs = (float) (1 / Math.sqrt(ss / d + eps));
            mean[r] = mu;
            rstd[r] = rs;
            for (j = 0; j < d; j++) {
                float h = (x[base + j] - mu) * rs;
                y[base + j] = Math.fma(h, gamma[j], beta[j]);
            }
        }
    }

    @Override
    public void backwardInput(float[] g, float[] gamma, float[] x, float[] mean, float[] rstd, int d, float[] gx,
            boolean accumulate, int fromRow, int toRow) {
        int bound = d - d % LANES;
        float[] accDh = new float[LANES];
        float[] accDhX = new float[LANES];
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            float mu = mean[r];
            float rs = rstd[r];
            java.util.Arrays.fill(accDh, 0f);
            java.util.Arrays.fill(accDhX, 0f);
            int j = 0;
            for (; j < bound; j += LANES) {
                for (int l = 0; l < LANES; l++) {
                    float dh = g[base + j + l] * gamma[j + l];
                    float h = (x[base + j + l] - mu) * rs;
                    accDh[l] += dh;
                    accDhX[l] = Math.fma(dh, h, accDhX[l]);
                }
            }
            double sDh = sum(accDh);
            double sDhX = sum(accDhX);
            for (; j < d; j++) {
                float dh = g[base + j] * gamma[j];
                sDh += dh;
                sDhX += (double) dh * ((x[base + j] - mu) * rs);
            }
            float meanDh = (float) (sDh / d);
            float meanDhX = (float) (sDhX / d);
            for (j = 0; j < d; j++) {
                float dh = g[base + j] * gamma[j];
                float h = (x[base + j] - mu) * rs;
                float t = Math.fma(h, -meanDhX, dh - meanDh);
                gx[base + j] = accumulate ? Math.fma(t, rs, gx[base + j]) : t * rs;
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

    /** The partial sums added in index order, in double. */
    private static double sum(float[] acc) {
        double s = 0;
        for (float a : acc) {
            s += a;
        }
        return s;
    }
}
