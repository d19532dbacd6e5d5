package org.attn4j.core.internal.kernel;

import java.lang.reflect.InvocationTargetException;

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

    /** The Vector API implementation, or {@code null} when the module is not in the boot layer. */
    static SmallGemm vector() {
        return Holder.INSTANCE;
    }

    /** Loads the implementation once, by name, so that this interface never links the incubator module. */
    final class Holder {
        private static final SmallGemm INSTANCE = load();

        private Holder() {
        }

        private static SmallGemm load() {
            if (!Kernels.vectorAvailable()) {
                return null;
            }
            String name = "org.attn4j.core.internal.kernel.VectorSmallGemm";
            try {
                return (SmallGemm) Class.forName(name).getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                    | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("the Vector API is present but " + name + " failed to load", e);
            }
        }
    }
}
