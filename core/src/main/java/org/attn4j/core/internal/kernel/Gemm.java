package org.attn4j.core.internal.kernel;

/**
 * Single-precision general matrix multiply on row-major arrays, BLAS {@code sgemm} semantics:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is X or its transpose.
 *
 * <p>Shapes: op(A) is {@code [m, k]}, op(B) is {@code [k, n]}, C is {@code [m, n]}. A stored
 * matrix X with leading dimension {@code ldx} has element (i, j) at {@code x[xOff + i * ldx + j]};
 * so for {@code transA = false}, A is stored {@code [m, k]} with lda >= k, and for
 * {@code transA = true} it is stored {@code [k, m]} with lda >= m (likewise B). Only C is
 * written. When {@code beta == 0}, C's previous contents are ignored (NaN included).
 *
 * <p>Implementations are stateless and thread-safe; they may use several threads internally.
 */
public interface Gemm {

    /** A short name for benchmarks and logs, for example {@code vector} or {@code native}. */
    String name();

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc);
}
