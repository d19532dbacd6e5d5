package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorGemm}'s path for a thin A (fewer than {@link VectorKernel#MR} rows) times an
 * untransposed B, as in decoding one sentence, or a beam of four, a step at a time: C rows are
 * computed straight from B's rows without packing anything. The packed path would copy all of
 * B for every call (as much memory traffic as the products themselves when A has one row) and
 * compute MR rows where one is wanted.
 *
 * <p>Each element of C is one chain of fused multiply-adds over the depth in increasing order,
 * starting from C's value (or zero when C is overwritten), as the packed micro-kernel's full
 * tiles do. Rows are taken four, two or one at a time, each group walking B once per block of
 * columns (two, four and four vectors wide), so B streams through the cache once per group
 * rather than once per row.
 */
final class VectorThinGemm {

    private static final int L = VectorKernel.L;
    /** Four vectors of zeros: the starting values when C is overwritten (no branch on vectors, see VectorKernel). */
    private static final float[] ZERO = new float[4 * L];

    private VectorThinGemm() {
    }

    /**
     * {@code C[0:m, n0:n1] (+)= alpha * op(A)[0:m, :] * B[:, n0:n1]}, B not transposed; the
     * driver has checked the call and handled k = 0 and beta.
     */
    static void columns(boolean transA, int m, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc, int n0,
            int n1) {
        int r = 0;
        for (; r + 4 <= m; r += 4) {
            rows4(transA, r, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc, n0, n1);
        }
        for (; r + 2 <= m; r += 2) {
            rows2(transA, r, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc, n0, n1);
        }
        for (; r < m; r++) {
            rows1(transA, r, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc, n0, n1);
        }
    }

    /** Element {@code alpha * op(A)[i, p]}. */
    private static float at(boolean transA, float[] a, int aOff, int lda, float alpha, int i, int p) {
        return alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
    }

    private static void rows4(boolean transA, int r, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc, int n0,
            int n1) {
        float[] in = overwrite ? ZERO : c;
        int c0 = cOff + r * ldc;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int j = n0;
        for (; j + 2 * L <= n1; j += 2 * L) {
            FloatVector x00 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c0 + j);
            FloatVector x01 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c0 + j + L);
            FloatVector x10 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c1 + j);
            FloatVector x11 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c1 + j + L);
            FloatVector x20 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c2 + j);
            FloatVector x21 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c2 + j + L);
            FloatVector x30 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c3 + j);
            FloatVector x31 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c3 + j + L);
            for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(VectorKernel.S, b, bi);
                FloatVector b1 = FloatVector.fromArray(VectorKernel.S, b, bi + L);
                FloatVector av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r, p));
                x00 = av.fma(b0, x00);
                x01 = av.fma(b1, x01);
                av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r + 1, p));
                x10 = av.fma(b0, x10);
                x11 = av.fma(b1, x11);
                av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r + 2, p));
                x20 = av.fma(b0, x20);
                x21 = av.fma(b1, x21);
                av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r + 3, p));
                x30 = av.fma(b0, x30);
                x31 = av.fma(b1, x31);
            }
            x00.intoArray(c, c0 + j);
            x01.intoArray(c, c0 + j + L);
            x10.intoArray(c, c1 + j);
            x11.intoArray(c, c1 + j + L);
            x20.intoArray(c, c2 + j);
            x21.intoArray(c, c2 + j + L);
            x30.intoArray(c, c3 + j);
            x31.intoArray(c, c3 + j + L);
        }
        for (int i = r; i < r + 4; i++) {
            scalarTail(transA, i, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc, j, n1);
        }
    }

    private static void rows2(boolean transA, int r, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc, int n0,
            int n1) {
        float[] in = overwrite ? ZERO : c;
        int c0 = cOff + r * ldc;
        int c1 = c0 + ldc;
        int j = n0;
        for (; j + 4 * L <= n1; j += 4 * L) {
            FloatVector x00 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c0 + j);
            FloatVector x01 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c0 + j + L);
            FloatVector x02 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 2 * L : c0 + j + 2 * L);
            FloatVector x03 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 3 * L : c0 + j + 3 * L);
            FloatVector x10 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c1 + j);
            FloatVector x11 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c1 + j + L);
            FloatVector x12 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 2 * L : c1 + j + 2 * L);
            FloatVector x13 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 3 * L : c1 + j + 3 * L);
            for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(VectorKernel.S, b, bi);
                FloatVector b1 = FloatVector.fromArray(VectorKernel.S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(VectorKernel.S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(VectorKernel.S, b, bi + 3 * L);
                FloatVector av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r, p));
                x00 = av.fma(b0, x00);
                x01 = av.fma(b1, x01);
                x02 = av.fma(b2, x02);
                x03 = av.fma(b3, x03);
                av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r + 1, p));
                x10 = av.fma(b0, x10);
                x11 = av.fma(b1, x11);
                x12 = av.fma(b2, x12);
                x13 = av.fma(b3, x13);
            }
            x00.intoArray(c, c0 + j);
            x01.intoArray(c, c0 + j + L);
            x02.intoArray(c, c0 + j + 2 * L);
            x03.intoArray(c, c0 + j + 3 * L);
            x10.intoArray(c, c1 + j);
            x11.intoArray(c, c1 + j + L);
            x12.intoArray(c, c1 + j + 2 * L);
            x13.intoArray(c, c1 + j + 3 * L);
        }
        for (int i = r; i < r + 2; i++) {
            scalarTail(transA, i, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc, j, n1);
        }
    }

    private static void rows1(boolean transA, int r, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc, int n0,
            int n1) {
        float[] in = overwrite ? ZERO : c;
        int c0 = cOff + r * ldc;
        int j = n0;
        for (; j + 4 * L <= n1; j += 4 * L) {
            FloatVector x0 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c0 + j);
            FloatVector x1 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? L : c0 + j + L);
            FloatVector x2 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 2 * L : c0 + j + 2 * L);
            FloatVector x3 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 3 * L : c0 + j + 3 * L);
            for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                FloatVector av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r, p));
                x0 = av.fma(FloatVector.fromArray(VectorKernel.S, b, bi), x0);
                x1 = av.fma(FloatVector.fromArray(VectorKernel.S, b, bi + L), x1);
                x2 = av.fma(FloatVector.fromArray(VectorKernel.S, b, bi + 2 * L), x2);
                x3 = av.fma(FloatVector.fromArray(VectorKernel.S, b, bi + 3 * L), x3);
            }
            x0.intoArray(c, c0 + j);
            x1.intoArray(c, c0 + j + L);
            x2.intoArray(c, c0 + j + 2 * L);
            x3.intoArray(c, c0 + j + 3 * L);
        }
        for (; j + L <= n1; j += L) {
            FloatVector x0 = FloatVector.fromArray(VectorKernel.S, in, overwrite ? 0 : c0 + j);
            for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                FloatVector av = FloatVector.broadcast(VectorKernel.S, at(transA, a, aOff, lda, alpha, r, p));
                x0 = av.fma(FloatVector.fromArray(VectorKernel.S, b, bi), x0);
            }
            x0.intoArray(c, c0 + j);
        }
        scalarTail(transA, r, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc, j, n1);
    }

    /** Columns {@code [j0, n1)} of row {@code i}, one chain per element in the same order as the vector lanes. */
    private static void scalarTail(boolean transA, int i, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc, int j0, int n1) {
        int row = cOff + i * ldc;
        for (int j = j0; j < n1; j++) {
            float acc = overwrite ? 0f : c[row + j];
            for (int p = 0; p < k; p++) {
                acc = Math.fma(at(transA, a, aOff, lda, alpha, i, p), b[bOff + p * ldb + j], acc);
            }
            c[row + j] = acc;
        }
    }

}
