package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;

/**
 * One seeded sgemm problem laid out with offsets, padded leading dimensions and guard values,
 * so a test can run it through two implementations and compare.
 *
 * <p>Padding of A and B (the elements between rows and before the offset) holds NaN, so a
 * kernel that reads outside its operand produces NaN; C's padding holds {@link #GUARD}, so a
 * kernel that writes outside C is caught. With beta = 0, C's own elements start as NaN, which
 * BLAS semantics say must be ignored.
 */
final class GemmCase {
    static final float GUARD = 12345.5f;

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final float[] a;
    final int aOff;
    final int lda;
    final float[] b;
    final int bOff;
    final int ldb;
    final float[] c0;
    final int cOff;
    final int ldc;

    GemmCase(long seed, boolean transA, boolean transB, int m, int n, int k, float alpha,
            float beta) {
        Random rnd = new Random(seed);
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        aOff = rnd.nextInt(5);
        lda = aCols + rnd.nextInt(4);
        bOff = rnd.nextInt(5);
        ldb = bCols + rnd.nextInt(4);
        cOff = rnd.nextInt(5);
        ldc = n + rnd.nextInt(4);
        a = operand(rnd, aOff, aRows, aCols, lda, Float.NaN);
        b = operand(rnd, bOff, bRows, bCols, ldb, Float.NaN);
        c0 = operand(rnd, cOff, m, n, ldc, GUARD);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c0[cOff + i * ldc + j] = Float.NaN;
                }
            }
        }
    }

    private static float[] operand(Random rnd, int off, int rows, int cols, int ld, float pad) {
        float[] x = new float[off + rows * ld + 3];
        java.util.Arrays.fill(x, pad);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[off + i * ld + j] = rnd.nextFloat() * 2f - 1f;
            }
        }
        return x;
    }

    /** Runs the case through {@code gemm} on a fresh copy of C and returns that copy. */
    float[] run(Gemm gemm) {
        float[] c = c0.clone();
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                ldc);
        return c;
    }

    /**
     * Asserts that {@code actual} matches {@code expected} within float rounding: per element
     * 1e-5 of the magnitude sum {@code |alpha| sum_p |A[i,p] B[p,j]| + |beta C0[i,j]|},
     * and that C's padding is untouched.
     */
    void assertClose(float[] expected, float[] actual, String who) {
        for (int x = 0; x < actual.length; x++) {
            int rel = x - cOff;
            int i = rel >= 0 ? rel / ldc : -1;
            int j = rel >= 0 ? rel % ldc : -1;
            if (i < 0 || i >= m || j >= n) {
                assertThat(actual[x]).as("%s wrote C's padding at index %d (%s)", who, x, this)
                        .isEqualTo(GUARD);
                continue;
            }
            double tol = 1e-5 * magnitude(i, j) + 1e-30;
            if (!(Math.abs(expected[x] - actual[x]) <= tol)) {
                fail("%s: C[%d,%d] = %s, expected %s within %s (%s)", who, i, j, actual[x],
                        expected[x], tol, this);
            }
        }
    }

    private double magnitude(int i, int j) {
        double s = 0;
        for (int p = 0; p < k; p++) {
            float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
            float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            s += Math.abs((double) aip * bpj);
        }
        s *= Math.abs(alpha);
        if (beta != 0f) {
            s += Math.abs((double) beta * c0[cOff + i * ldc + j]);
        }
        return s;
    }

    @Override
    public String toString() {
        return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " aOff=" + aOff + " lda=" + lda
                + " bOff=" + bOff + " ldb=" + ldb + " cOff=" + cOff + " ldc=" + ldc;
    }
}
