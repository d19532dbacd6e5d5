package org.attn4j.core.internal.kernel;

import java.lang.reflect.InvocationTargetException;

/**
 * Chooses the {@link ExpKernel} once: the Vector API one when its module is present and 256-bit
 * vectors are native, else the plain twin (both compute the same bits).
 */
final class ExpKernels {
    private static final String VECTOR_CLASS = "org.attn4j.core.internal.kernel.VectorExpKernel";

    static final ExpKernel INSTANCE = choose();

    private ExpKernels() {
    }

    private static ExpKernel choose() {
        if (!Kernels.vectorAvailable()) {
            return PlainExpKernel.INSTANCE;
        }
        // loaded by name so that this class never links against the incubator module
        try {
            return (ExpKernel) Class.forName(VECTOR_CLASS).getDeclaredMethod("create").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("the Vector API is present but " + VECTOR_CLASS + " failed to load", e);
        }
    }
}
