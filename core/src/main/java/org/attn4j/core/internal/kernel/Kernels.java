package org.attn4j.core.internal.kernel;

/**
 * Chooses the GEMM implementation the engine uses. Selection happens once, on first use.
 */
public final class Kernels {
    private static volatile Gemm gemm;

    private Kernels() {
    }

    /** The GEMM in use. */
    public static Gemm gemm() {
        Gemm g = gemm;
        if (g == null) {
            synchronized (Kernels.class) {
                if (gemm == null) {
                    gemm = new PlainGemm();
                }
                g = gemm;
            }
        }
        return g;
    }
}
