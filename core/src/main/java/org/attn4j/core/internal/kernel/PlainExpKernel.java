package org.attn4j.core.internal.kernel;

/** {@link ExpKernel} in plain loops: {@code Math.exp} in double, the sum in double, in order. */
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
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(x[off + i] - shift);
            out[outOff + i] = (float) e;
            s += e;
        }
        return s;
    }
}
