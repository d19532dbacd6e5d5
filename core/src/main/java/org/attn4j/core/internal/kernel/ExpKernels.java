package org.attn4j.core.internal.kernel;

/**
 * Chooses the {@link ExpKernel} once: the Vector API one when its module is present and 256-bit
 * vectors are native, else the plain twin (both compute the same bits).
 */
final class ExpKernels {
    static final ExpKernel INSTANCE = Kernels.vectorOr(ExpKernel.class, "VectorExpKernel", PlainExpKernel.INSTANCE);

    private ExpKernels() {
    }
}
