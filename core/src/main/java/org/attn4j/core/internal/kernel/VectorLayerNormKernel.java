package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerNormKernel} with the Vector API, eight lanes at a time: the same IEEE operations in
 * the same order as {@link PlainLayerNormKernel}, so the two give the same bits. Row statistics
 * are summed in float lanes (each lane a partial sum over every eighth element), the lanes then
 * added in lane order in double (not {@code reduceLanes(ADD)}, whose order is unspecified), then
 * the tail in double; the forward normalises and applies {@code fma(xhat, gamma, beta)} a vector
 * at a time, {@code xhat} recomputed as {@code (x - mean) * rstd}. The parameter gradients walk the
 * rows in order for each block of columns, multiplying then adding. Every step is a correctly
 * rounded operation, so the results are the same whether or not the JIT has compiled the kernel.
 * Load only when {@code jdk.incubator.vector} is in the boot layer, through {@link #create()};
 * compiled separately, see core/pom.xml.
 */
final class VectorLayerNormKernel implements LayerNormKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private VectorLayerNormKernel() {
    }

    /**
     * This kernel where 256-bit vectors are native (AVX2 and wider), else the plain twin, which
     * computes the same bits and is faster than emulated vectors.
     */
    static LayerNormKernel create() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorLayerNormKernel()
                : PlainLayerNormKernel.INSTANCE;
    }

    @Override
    public void forward(float[] x, float[] gamma, float[] beta, float eps, int d, float[] y, float[] mean, float[] rstd,
            int fromRow, int toRow) {
        int bound = S.loopBound(d);
        float[] lanes = new float[S.length()];
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                acc = acc.add(FloatVector.fromArray(S, x, base + j));
            }
            double s = sumLanes(acc, lanes);
            for (; j < d; j++) {
                s += x[base + j];
            }
            float mu = (float) (s / d);
            FloatVector m = FloatVector.broadcast(S, mu);
            FloatVector sq = FloatVector.zero(S);
            for (j = 0; j < bound; j += S.length()) {
                FloatVector c = FloatVector.fromArray(S, x, base + j).sub(m);
                sq = c.fma(c, sq);
            }
            double ss = sumLanes(sq, lanes);
            for (; j < d; j++) {
                double c = x[base + j] - mu;
                ss += c * c;
            }
            float rs = (float) (1 / Math.sqrt(ss / d + eps));
            mean[r] = mu;
            rstd[r] = rs;
            for (j = 0; j < bound; j += S.length()) {
                FloatVector h = FloatVector.fromArray(S, x, base + j).sub(m).mul(rs);
                h.fma(FloatVector.fromArray(S, gamma, j), FloatVector.fromArray(S, beta, j)).intoArray(y, base + j);
            }
            for (; j < d; j++) {
                float h = (x[base + j] - mu) * rs;
                y[base + j] = Math.fma(h, gamma[j], beta[j]);
            }
        }
    }

    @Override
    public void backwardInput(float[] g, float[] gamma, float[] x, float[] mean, float[] rstd, int d, float[] gx,
            boolean accumulate, int fromRow, int toRow) {
        int bound = S.loopBound(d);
        float[] lanes = new float[S.length()];
        for (int r = fromRow; r < toRow; r++) {
            int base = r * d;
            float mu = mean[r];
            float rs = rstd[r];
            FloatVector m = FloatVector.broadcast(S, mu);
            FloatVector rsV = FloatVector.broadcast(S, rs);
            FloatVector accDh = FloatVector.zero(S);
            FloatVector accDhX = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector dh = FloatVector.fromArray(S, g, base + j).mul(FloatVector.fromArray(S, gamma, j));
                FloatVector h = FloatVector.fromArray(S, x, base + j).sub(m).mul(rsV);
                accDh = accDh.add(dh);
                accDhX = dh.fma(h, accDhX);
            }
            double sDh = sumLanes(accDh, lanes);
            double sDhX = sumLanes(accDhX, lanes);
            for (; j < d; j++) {
                float dh = g[base + j] * gamma[j];
                sDh += dh;
                sDhX += (double) dh * ((x[base + j] - mu) * rs);
            }
            float meanDh = (float) (sDh / d);
            float meanDhX = (float) (sDhX / d);
            FloatVector negMeanDhX = FloatVector.broadcast(S, -meanDhX);
            for (j = 0; j < bound; j += S.length()) {
                FloatVector dh = FloatVector.fromArray(S, g, base + j).mul(FloatVector.fromArray(S, gamma, j));
                FloatVector h = FloatVector.fromArray(S, x, base + j).sub(m).mul(rsV);
                FloatVector t = h.fma(negMeanDhX, dh.sub(meanDh));
                if (accumulate) {
                    t.fma(rsV, FloatVector.fromArray(S, gx, base + j)).intoArray(gx, base + j);
                } else {
                    t.mul(rsV).intoArray(gx, base + j);
                }
            }
            for (; j < d; j++) {
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
        if (gg == null && gb == null) {
            return;
        }
        int n = S.length();
        int j = fromCol;
        // four vectors of columns at a time, their partial sums kept in registers over the rows
        for (; j + 4 * n <= toCol; j += 4 * n) {
            FloatVector g0 = load(gg, j);
            FloatVector g1 = load(gg, j + n);
            FloatVector g2 = load(gg, j + 2 * n);
            FloatVector g3 = load(gg, j + 3 * n);
            FloatVector b0 = load(gb, j);
            FloatVector b1 = load(gb, j + n);
            FloatVector b2 = load(gb, j + 2 * n);
            FloatVector b3 = load(gb, j + 3 * n);
            for (int r = 0; r < rows; r++) {
                int o = r * d + j;
                FloatVector m = FloatVector.broadcast(S, mean[r]);
                FloatVector rs = FloatVector.broadcast(S, rstd[r]);
                FloatVector y0 = FloatVector.fromArray(S, g, o);
                FloatVector y1 = FloatVector.fromArray(S, g, o + n);
                FloatVector y2 = FloatVector.fromArray(S, g, o + 2 * n);
                FloatVector y3 = FloatVector.fromArray(S, g, o + 3 * n);
                g0 = g0.add(y0.mul(FloatVector.fromArray(S, x, o).sub(m).mul(rs)));
                g1 = g1.add(y1.mul(FloatVector.fromArray(S, x, o + n).sub(m).mul(rs)));
                g2 = g2.add(y2.mul(FloatVector.fromArray(S, x, o + 2 * n).sub(m).mul(rs)));
                g3 = g3.add(y3.mul(FloatVector.fromArray(S, x, o + 3 * n).sub(m).mul(rs)));
                b0 = b0.add(y0);
                b1 = b1.add(y1);
                b2 = b2.add(y2);
                b3 = b3.add(y3);
            }
            store(g0, gg, j);
            store(g1, gg, j + n);
            store(g2, gg, j + 2 * n);
            store(g3, gg, j + 3 * n);
            store(b0, gb, j);
            store(b1, gb, j + n);
            store(b2, gb, j + 2 * n);
            store(b3, gb, j + 3 * n);
        }
        for (; j + n <= toCol; j += n) {
            FloatVector g0 = load(gg, j);
            FloatVector b0 = load(gb, j);
            for (int r = 0; r < rows; r++) {
                int o = r * d + j;
                FloatVector y0 = FloatVector.fromArray(S, g, o);
                FloatVector h = FloatVector.fromArray(S, x, o).sub(mean[r]).mul(rstd[r]);
                g0 = g0.add(y0.mul(h));
                b0 = b0.add(y0);
            }
            store(g0, gg, j);
            store(b0, gb, j);
        }
        for (; j < toCol; j++) {
            float sg = gg == null ? 0f : gg[j];
            float sb = gb == null ? 0f : gb[j];
            for (int r = 0; r < rows; r++) {
                float gy = g[r * d + j];
                sg += gy * ((x[r * d + j] - mean[r]) * rstd[r]);
                sb += gy;
            }
            if (gg != null) {
                gg[j] = sg;
            }
            if (gb != null) {
                gb[j] = sb;
            }
        }
    }

    /**
     * The lanes of {@code v} added in lane order, in double, through {@code lanes} (scratch of
     * {@code S.length()}). Not {@code reduceLanes(ADD)}: its order is unspecified, and the
     * intrinsic C2 compiles it to need not add in the order of the interpreted fallback.
     */
    private static double sumLanes(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        double s = 0;
        for (float f : lanes) {
            s += f;
        }
        return s;
    }

    /** {@code a[j ..]} as a vector, or zeros when {@code a} is null (a gradient nobody asked for). */
    private static FloatVector load(float[] a, int j) {
        return a == null ? FloatVector.zero(S) : FloatVector.fromArray(S, a, j);
    }

    private static void store(FloatVector v, float[] a, int j) {
        if (a != null) {
            v.intoArray(a, j);
        }
    }
}
