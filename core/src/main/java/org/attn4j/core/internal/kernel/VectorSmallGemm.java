package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SmallGemm} with the Vector API. Every form is a sequence of row updates
 * {@code C[i, :] += s * B[p, :]}: the row of C is cut into vectors (the last columns done one by one), and
 * for each vector of columns the loop over p keeps that vector of four rows of C in registers
 * while it adds scalar times row p of B with fused multiply-adds (four independent chains); the forms differ only in where the scalar comes from
 * ({@code A[i, p]} or {@code A[p, i]}). {@link #nt} first transposes B into a per-thread buffer.
 * Load only when {@code jdk.incubator.vector} is in the boot layer; compiled separately, see
 * core/pom.xml.
 */
final class VectorSmallGemm implements SmallGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Rows of C updated together. */
    private static final int ROWS = 4;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[MAX_WORK]);

    VectorSmallGemm() {
    }

    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        rows(m, n, k, a, aOff, k, 1, b, bOff, c, cOff);
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        rows(m, n, k, a, aOff, 1, m, b, bOff, c, cOff);
    }

    @Override
    public void nt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        float[] bt = k * n <= MAX_WORK ? SCRATCH.get() : new float[k * n];
        for (int j = 0; j < n; j++) {
            int src = bOff + j * k;
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[src + p];
            }
        }
        rows(m, n, k, a, aOff, k, 1, bt, 0, c, cOff);
    }

    /** {@code C[i, :] += sum_p A(i, p) B[p, :]} with {@code A(i, p) = a[aOff + i * si + p * sp]}. */
    private static void rows(int m, int n, int k, float[] a, int aOff, int si, int sp, float[] b, int bOff,
            float[] c, int cOff) {
        int i = 0;
        for (; i + ROWS <= m; i += ROWS) {
            fourRows(i, n, k, a, aOff, si, sp, b, bOff, c, cOff);
        }
        for (; i < m; i++) {
            oneRow(i, n, k, a, aOff, si, sp, b, bOff, c, cOff);
        }
    }

    /**
     * Rows i .. i + 3 of C, one vector of columns at a time: four independent accumulators, so
     * that successive fused multiply-adds do not wait for each other, share each load of B.
     */
    private static void fourRows(int i, int n, int k, float[] a, int aOff, int si, int sp, float[] b, int bOff,
            float[] c, int cOff) {
        int len = S.length();
        int a0 = aOff + i * si;
        int a1 = a0 + si;
        int a2 = a1 + si;
        int a3 = a2 + si;
        int c0 = cOff + i * n;
        int j = 0;
        for (; j + len <= n; j += len) {
            FloatVector acc0 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector acc1 = FloatVector.fromArray(S, c, c0 + n + j);
            FloatVector acc2 = FloatVector.fromArray(S, c, c0 + 2 * n + j);
            FloatVector acc3 = FloatVector.fromArray(S, c, c0 + 3 * n + j);
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * n + j);
                int ap = p * sp;
                acc0 = bv.fma(FloatVector.broadcast(S, a[a0 + ap]), acc0);
                acc1 = bv.fma(FloatVector.broadcast(S, a[a1 + ap]), acc1);
                acc2 = bv.fma(FloatVector.broadcast(S, a[a2 + ap]), acc2);
                acc3 = bv.fma(FloatVector.broadcast(S, a[a3 + ap]), acc3);
            }
            acc0.intoArray(c, c0 + j);
            acc1.intoArray(c, c0 + n + j);
            acc2.intoArray(c, c0 + 2 * n + j);
            acc3.intoArray(c, c0 + 3 * n + j);
        }
        for (int r = 0; r < ROWS; r++) {
            scalarColumns(j, i + r, n, k, a, aOff, si, sp, b, bOff, c, cOff);
        }
    }

    private static void oneRow(int i, int n, int k, float[] a, int aOff, int si, int sp, float[] b, int bOff,
            float[] c, int cOff) {
        int len = S.length();
        int ai = aOff + i * si;
        int ci = cOff + i * n;
        int j = 0;
        for (; j + len <= n; j += len) {
            FloatVector acc = FloatVector.fromArray(S, c, ci + j);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.fromArray(S, b, bOff + p * n + j).fma(FloatVector.broadcast(S, a[ai + p * sp]), acc);
            }
            acc.intoArray(c, ci + j);
        }
        scalarColumns(j, i, n, k, a, aOff, si, sp, b, bOff, c, cOff);
    }

    /** Columns j0 .. n - 1 of row i one at a time: masked loads are not compiled to AVX2 instructions in JDK 17. */
    private static void scalarColumns(int j0, int i, int n, int k, float[] a, int aOff, int si, int sp, float[] b,
            int bOff, float[] c, int cOff) {
        int ai = aOff + i * si;
        int ci = cOff + i * n;
        for (int j = j0; j < n; j++) {
            float acc = c[ci + j];
            for (int p = 0; p < k; p++) {
                acc += a[ai + p * sp] * b[bOff + p * n + j];
            }
            c[ci + j] = acc;
        }
    }
}
