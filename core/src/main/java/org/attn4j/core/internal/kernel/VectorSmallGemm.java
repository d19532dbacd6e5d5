package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SmallGemm} with the Vector API. Every form is a sequence of row updates
 * {@code C[i, :] += s * B[p, :]}: the row of C is cut into vectors (the last columns done one by one), and
 * for each pair of vectors of columns (then a last single vector) the loop over p keeps those
 * vectors of four rows of C in registers while it adds scalar times row p of B with fused
 * multiply-adds (eight, or four, independent chains, each A element broadcast once for the pair);
 * the forms differ only in where the scalar comes from
 * ({@code A[i, p]}, {@code A[p, i]} or any strides). {@link #nt}, and {@link #strided} when B's
 * rows are not contiguous, first copy B row-major into a per-thread buffer; {@link #strided}
 * with C's columns apart computes {@code C^T = B^T A^T}, the same fused multiply-adds.
 * Load only when {@code jdk.incubator.vector} is in the boot layer; compiled separately, see
 * core/pom.xml.
 */
final class VectorSmallGemm implements SmallGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Rows of C updated together. */
    private static final int ROWS = 4;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[MAX_WORK]);

    private VectorSmallGemm() {
    }

    /** Called by name from {@link Kernels#vectorOr}. */
    static SmallGemm create() {
        return new VectorSmallGemm();
    }

    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        rows(m, n, k, a, aOff, k, 1, b, bOff, n, c, cOff, n);
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        rows(m, n, k, a, aOff, 1, m, b, bOff, n, c, cOff, n);
    }

    @Override
    public void nt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        float[] bt = transposed(k, n, b, bOff, 1, k);
        rows(m, n, k, a, aOff, k, 1, bt, 0, n, c, cOff, n);
    }

    @Override
    public void strided(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs,
            int bCs, float[] c, int cOff, int cRs, int cCs) {
        if (n == 1) {
            cCs = 1;
            bCs = 1;
        }
        if (cCs != 1) {
            if (cRs != 1 && m != 1) {
                throw new IllegalArgumentException("small strided product: C needs a unit stride, got strides " + cRs
                        + " and " + cCs + " for " + m + " x " + n);
            }
            // C^T = B^T A^T: the same fused multiply-adds in the same order
            strided(n, m, k, b, bOff, bCs, bRs, a, aOff, aCs, aRs, c, cOff, cCs, 1);
            return;
        }
        if (bCs == 1) {
            rows(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, c, cOff, cRs);
        } else {
            rows(m, n, k, a, aOff, aRs, aCs, transposed(k, n, b, bOff, bRs, bCs), 0, n, c, cOff, cRs);
        }
    }

    /** {@code B(p, j) = b[bOff + p * bRs + j * bCs]} copied row-major into this thread's scratch buffer. */
    private static float[] transposed(int k, int n, float[] b, int bOff, int bRs, int bCs) {
        float[] bt = k * n <= MAX_WORK ? SCRATCH.get() : new float[k * n];
        for (int j = 0; j < n; j++) {
            int src = bOff + j * bCs;
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[src + p * bRs];
            }
        }
        return bt;
    }

    /**
     * {@code C[i, :] += sum_p A(i, p) B[p, :]} with {@code A(i, p) = a[aOff + i * si + p * sp]},
     * rows of B {@code ldb} apart and rows of C {@code ldc} apart.
     */
    private static void rows(int m, int n, int k, float[] a, int aOff, int si, int sp, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + ROWS <= m; i += ROWS) {
            fourRows(i, n, k, a, aOff, si, sp, b, bOff, ldb, c, cOff, ldc);
        }
        for (; i < m; i++) {
            oneRow(i, n, k, a, aOff, si, sp, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /**
     * Rows i .. i + 3 of C, one vector of columns at a time: four independent accumulators, so
     * that successive fused multiply-adds do not wait for each other, share each load of B.
     */
    private static void fourRows(int i, int n, int k, float[] a, int aOff, int si, int sp, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc) {
        int len = S.length();
        int a0 = aOff + i * si;
        int a1 = a0 + si;
        int a2 = a1 + si;
        int a3 = a2 + si;
        int c0 = cOff + i * ldc;
        int j = 0;
        // two vectors of columns at a time: eight accumulators, each A element broadcast once for both
        for (; j + 2 * len <= n; j += 2 * len) {
            int c1 = c0 + ldc;
            int c2 = c1 + ldc;
            int c3 = c2 + ldc;
            int jb = j + len;
            FloatVector acc0 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector acc1 = FloatVector.fromArray(S, c, c1 + j);
            FloatVector acc2 = FloatVector.fromArray(S, c, c2 + j);
            FloatVector acc3 = FloatVector.fromArray(S, c, c3 + j);
            FloatVector acc4 = FloatVector.fromArray(S, c, c0 + jb);
            FloatVector acc5 = FloatVector.fromArray(S, c, c1 + jb);
            FloatVector acc6 = FloatVector.fromArray(S, c, c2 + jb);
            FloatVector acc7 = FloatVector.fromArray(S, c, c3 + jb);
            for (int p = 0; p < k; p++) {
                int bp = bOff + p * ldb;
                FloatVector bv = FloatVector.fromArray(S, b, bp + j);
                FloatVector bw = FloatVector.fromArray(S, b, bp + jb);
                int ap = p * sp;
                FloatVector x0 = FloatVector.broadcast(S, a[a0 + ap]);
                FloatVector x1 = FloatVector.broadcast(S, a[a1 + ap]);
                FloatVector x2 = FloatVector.broadcast(S, a[a2 + ap]);
                FloatVector x3 = FloatVector.broadcast(S, a[a3 + ap]);
                acc0 = bv.fma(x0, acc0);
                acc1 = bv.fma(x1, acc1);
                acc2 = bv.fma(x2, acc2);
                acc3 = bv.fma(x3, acc3);
                acc4 = bw.fma(x0, acc4);
                acc5 = bw.fma(x1, acc5);
                acc6 = bw.fma(x2, acc6);
                acc7 = bw.fma(x3, acc7);
            }
            acc0.intoArray(c, c0 + j);
            acc1.intoArray(c, c1 + j);
            acc2.intoArray(c, c2 + j);
            acc3.intoArray(c, c3 + j);
            acc4.intoArray(c, c0 + jb);
            acc5.intoArray(c, c1 + jb);
            acc6.intoArray(c, c2 + jb);
            acc7.intoArray(c, c3 + jb);
        }
        for (; j + len <= n; j += len) {
            FloatVector acc0 = FloatVector.fromArray(S, c, c0 + j);
            FloatVector acc1 = FloatVector.fromArray(S, c, c0 + ldc + j);
            FloatVector acc2 = FloatVector.fromArray(S, c, c0 + 2 * ldc + j);
            FloatVector acc3 = FloatVector.fromArray(S, c, c0 + 3 * ldc + j);
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                int ap = p * sp;
                acc0 = bv.fma(FloatVector.broadcast(S, a[a0 + ap]), acc0);
                acc1 = bv.fma(FloatVector.broadcast(S, a[a1 + ap]), acc1);
                acc2 = bv.fma(FloatVector.broadcast(S, a[a2 + ap]), acc2);
                acc3 = bv.fma(FloatVector.broadcast(S, a[a3 + ap]), acc3);
            }
            acc0.intoArray(c, c0 + j);
            acc1.intoArray(c, c0 + ldc + j);
            acc2.intoArray(c, c0 + 2 * ldc + j);
            acc3.intoArray(c, c0 + 3 * ldc + j);
        }
        for (int r = 0; r < ROWS; r++) {
            scalarColumns(j, i + r, n, k, a, aOff, si, sp, b, bOff, ldb, c, cOff, ldc);
        }
    }

    private static void oneRow(int i, int n, int k, float[] a, int aOff, int si, int sp, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        int len = S.length();
        int ai = aOff + i * si;
        int ci = cOff + i * ldc;
        int j = 0;
        for (; j + len <= n; j += len) {
            FloatVector acc = FloatVector.fromArray(S, c, ci + j);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(FloatVector.broadcast(S, a[ai + p * sp]), acc);
            }
            acc.intoArray(c, ci + j);
        }
        scalarColumns(j, i, n, k, a, aOff, si, sp, b, bOff, ldb, c, cOff, ldc);
    }

    /**
     * Columns j0 .. n - 1 of row i one at a time (masked loads are not compiled to AVX2
     * instructions in JDK 17), with the same fused multiply-adds as the vector lanes, so that an
     * element's value does not depend on whether it fell in a vector or in the tail.
     */
    private static void scalarColumns(int j0, int i, int n, int k, float[] a, int aOff, int si, int sp, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc) {
        int ai = aOff + i * si;
        int ci = cOff + i * ldc;
        for (int j = j0; j < n; j++) {
            float acc = c[ci + j];
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[ai + p * sp], b[bOff + p * ldb + j], acc);
            }
            c[ci + j] = acc;
        }
    }
}
