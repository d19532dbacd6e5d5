package org.attn4j.core.internal.kernel;

import java.util.Arrays;

/**
 * The plain-Java GEMM: the reference the fast paths are tested against, and the fallback
 * when neither a native BLAS nor the Vector API is available.
 *
 * <p>Each row i of C is computed on its own, in the same order whatever the threading: first
 * {@code C[i, :] *= beta} (or cleared when beta is 0), then for p = 0, 1, ..., k-1 the row
 * update {@code C[i, :] += (alpha * op(A)[i, p]) * op(B)[p, :]}. This i-p-j order makes the
 * innermost loop walk a row of B and of C contiguously, which the JIT vectorises. When B is
 * transposed its rows are not contiguous in that loop, so blocks of {@value #KB} rows of op(B)
 * are first copied into a row-major scratch buffer; the sums are unchanged.
 *
 * <p>Rows are split over {@link GemmThreads} for large products; results do not depend on
 * the thread count. No cache blocking or packing: expect a few GFLOP/s per core.
 */
public final class PlainGemm implements Gemm {

    /** Rows of op(B) copied per block when B is transposed. */
    static final int KB = 64;
    /** Below this many multiply-adds the caller's thread does everything. */
    static final long PARALLEL_MIN_MULADDS = 1L << 18;
    /** Fewest rows of C per task when the work is split over threads. */
    static final int MIN_ROWS_PER_TASK = 16;
    /** Tasks per thread, so that a thread slowed by other load takes fewer. */
    static final int TASKS_PER_THREAD = 4;

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        long muladds = (long) m * n * k;
        int rowsPerTask = muladds < PARALLEL_MIN_MULADDS ? m : Math.max(MIN_ROWS_PER_TASK,
                ceilDiv(m, TASKS_PER_THREAD * GemmThreads.threads()));
        GemmThreads.run(ceilDiv(m, rowsPerTask), t -> {
            int i0 = t * rowsPerTask;
            int i1 = Math.min(m, i0 + rowsPerTask);
            rows(i0, i1, transA, transB, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                    beta, c, cOff, ldc);
        });
    }

    /** C = beta * C, with beta == 0 clearing C (NaN included), as BLAS does when alpha or k is 0. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, ci, ci + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static void rows(int i0, int i1, boolean transA, boolean transB, int n, int k,
            float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc) {
        scale(i1 - i0, n, beta, c, cOff + i0 * ldc, ldc);
        if (alpha == 0f || k == 0) {
            return;
        }
        if (!transB) {
            update(i0, i1, 0, k, transA, n, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        float[] bt = new float[Math.min(KB, k) * n];
        for (int p0 = 0; p0 < k; p0 += KB) {
            int kb = Math.min(KB, k - p0);
            for (int j = 0; j < n; j++) {
                int src = bOff + j * ldb + p0;
                for (int p = 0; p < kb; p++) {
                    bt[p * n + j] = b[src + p];
                }
            }
            // bt holds op(B)[p0:p0+kb, :] row-major, so row p of it starts at (p - p0) * n.
            update(i0, i1, p0, p0 + kb, transA, n, alpha, a, aOff, lda, bt, -p0 * n, n,
                    c, cOff, ldc);
        }
    }

    /** C[i0:i1, :] += alpha * op(A)[i0:i1, p0:p1] * Bx[p0:p1, :], Bx row-major with ldb. */
    private static void update(int i0, int i1, int p0, int p1, boolean transA, int n,
            float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * ldc;
            for (int p = p0; p < p1; p++) {
                float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
