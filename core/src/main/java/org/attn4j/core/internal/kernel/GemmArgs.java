package org.attn4j.core.internal.kernel;

import java.util.Locale;
import java.util.Objects;

/**
 * Argument checks shared by every {@link Gemm} implementation, run before any element is read
 * or written so that a bad call fails with a message naming the operand instead of an index
 * error from inside a packed kernel (or a crash inside native code).
 */
final class GemmArgs {

    private GemmArgs() {
    }

    /**
     * Checks sizes, leading dimensions and array extents of an sgemm call.
     *
     * @throws IllegalArgumentException if a size is negative, a leading dimension is shorter
     *         than a stored row, or an operand does not fit in its array
     * @throws NullPointerException if an operand that is read or written is null
     */
    static void check(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(
                    "sgemm: sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        // Stored shapes: A is [m, k] or, transposed, [k, m]; likewise B; C is [m, n].
        operand("A", a, aOff, lda, transA ? k : m, transA ? m : k, transA);
        operand("B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB);
        operand("C", c, cOff, ldc, m, n, false);
    }

    private static void operand(String name, float[] x, int off, int ld, int rows, int cols,
            boolean trans) {
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: ld" + name.toLowerCase(Locale.ROOT)
                    + "=" + ld + " is shorter than a stored row of " + name + " (" + cols
                    + " elements" + (trans ? ", " + name + " is transposed" : "") + ")");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        Objects.requireNonNull(x, () -> "sgemm: " + name + " is null");
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " stored as [" + rows + ", "
                    + cols + "] with leading dimension " + ld + " from offset " + off
                    + " needs " + last + " elements but its array has " + x.length);
        }
    }
}
