package org.attn4j.core.internal.kernel;

/**
 * {@link ExpKernel} in plain loops: {@link FloatExp#exp(float)} per element and the sum in the
 * block order {@link ExpKernel} defines. This is the reference the Vector API twin equals bit for
 * bit. Stateless and thread-safe.
 */
final class PlainExpKernel implements ExpKernel {
    static final PlainExpKernel INSTANCE = new PlainExpKernel();

    private PlainExpKernel() {
    }

    @Override
    public float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    @Override
    public double expShifted(float[] x, int off, int n, float shift, float[] out, int outOff) {
        return expShifted(x, off, n, shift, null, 0, out, outOff);
    }

    @Override
    public float maxMasked(float[] x, int off, int n, float[] mask, int mOff) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (mask[mOff + i] != 0f) {
                m = Math.max(m, x[off + i]);
            }
        }
        return m;
    }

    @Override
    public double expShiftedMasked(float[] x, int off, int n, float shift, float[] mask, int mOff, float[] out,
            int outOff) {
        return expShifted(x, off, n, shift, mask, mOff, out, outOff);
    }

    /** Both variants; {@code mask} null means every element counts. */
    private static double expShifted(float[] x, int off, int n, float shift, float[] mask, int mOff, float[] out,
            int outOff) {
        float[] part = new float[BLOCK];
        int bound = n - n % BLOCK;
        int i = 0;
        for (; i < bound; i += BLOCK) {
            for (int l = 0; l < BLOCK; l++) {
                float e = exp(x, off + i + l, shift, mask, mOff + i + l);
                out[outOff + i + l] = e;
                part[l] += e;
            }
        }
        double s = 0;
        for (float p : part) {
            s += p;
        }
        for (; i < n; i++) {
            float e = exp(x, off + i, shift, mask, mOff + i);
            out[outOff + i] = e;
            s += e;
        }
        return s;
    }

    private static float exp(float[] x, int i, float shift, float[] mask, int m) {
        return mask != null && mask[m] == 0f ? 0f : FloatExp.exp(x[i] - shift);
    }
}
