package org.attn4j.core.internal.kernel;

/**
 * Products of small row-major matrices, for batched products whose matrices are too small for a
 * BLAS call to pay off: an attention score {@code [Tq, Dh] x [Dh, Tk]} with Tq = Tk = 16 and
 * Dh = 32 is 8,192 multiply-adds, a fraction of a microsecond of arithmetic but a microsecond
 * or more of fixed cost per call through JNI. The engine splits the batch over the cores.
 *
 * <p>All three forms accumulate into C ({@code C += ...}), C row-major {@code [m, n]}, all
 * operands dense (leading dimension = row length). Only a Vector API implementation exists
 * ({@link #vector()}); without the {@code jdk.incubator.vector} module the engine keeps its BLAS
 * path. Implementations are stateless and thread-safe.
 */
public interface SmallGemm {
    /** Products with at most this many multiply-adds ({@code m * n * k}) are worth these loops. */
    int MAX_WORK = 32 * 32 * 32;

    /** {@code C[m, n] += A[m, k] B[k, n]}. */
    void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff);

    /** {@code C[m, n] += A[m, k] B[n, k]^T}. */
    void nt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff);

    /** {@code C[m, n] += A[k, m]^T B[k, n]}. */
    void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff);

    /**
     * {@code C(i, j) += sum_p A(i, p) B(p, j)} for {@code i < m, j < n, p < k}, each operand a
     * strided matrix inside its array: {@code X(i, j) = x[xOff + i * xRs + j * xCs]}, so a
     * transpose or one head of a {@code [B, T, H, Dh]} array is read and written in place. C's
     * elements must be distinct, one of its strides 1 (or its other dimension 1); A and B any.
     * {@code m * n * k} at most {@link #MAX_WORK}. Each C element receives the same sum, in the
     * same order, as {@link #nn} on dense copies of the operands gives it.
     */
    void strided(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
            float[] c, int cOff, int cRs, int cCs);

    /** The Vector API implementation, or {@code null} when the module is not in the boot layer. */
    static SmallGemm vector() {
        return Holder.INSTANCE;
    }

    /** Loads the implementation once, by name, so that this interface never links the incubator module. */
    final class Holder {
        private static final SmallGemm INSTANCE = Kernels.vectorOr(SmallGemm.class, "VectorSmallGemm", null);

        private Holder() {
        }
    }
}
