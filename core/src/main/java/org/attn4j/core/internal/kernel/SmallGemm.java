package org.attn4j.core.internal.kernel;

/**
 * Products of small row-major matrices in plain loops, for batched products whose matrices are
 * too small for a BLAS call to pay off: an attention score {@code [Tq, Dh] x [Dh, Tk]} with
 * Tq = Tk = 16 and Dh = 32 is 8,192 multiply-adds, less work than the fixed cost of one call
 * through JNI into the native library. The engine splits the batch over the cores itself.
 *
 * <p>All three accumulate into C ({@code C += ...}); the caller zeroes C for a plain product.
 * Loop orders: {@link #nn} and {@link #tn} run their innermost loop along a row of C and a row
 * of B, both contiguous, so the JIT vectorises it; {@link #nt} is a dot product of two rows.
 * The sums are taken in a different order than a BLAS, so results may differ from it in the
 * last bits.
 */
public final class SmallGemm {
    /**
     * Products with at most this many multiply-adds ({@code m * n * k}) go through these loops
     * rather than the GEMM kernel.
     */
    public static final int MAX_WORK = 32 * 32 * 32;

    private SmallGemm() {
    }

    /** {@code C[m, n] += A[m, k] B[k, n]}. */
    public static void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float av = a[ai + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    /** {@code C[m, n] += A[m, k] B[n, k]^T}. */
    public static void nt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] += s;
            }
        }
    }

    /** {@code C[m, n] += A[k, m]^T B[k, n]}. */
    public static void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * m;
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                float av = a[ap + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }
}
