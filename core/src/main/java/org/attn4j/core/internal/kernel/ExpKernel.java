package org.attn4j.core.internal.kernel;

/**
 * The two passes of a softmax over one row of floats: the maximum, then the exponentials of the
 * row shifted by it and their sum. Cross-entropy over a large vocabulary spends most of its
 * forward here (6,000 exponentials per target token in workload W2).
 *
 * <p>{@link #get()} is the Vector API implementation when the {@code jdk.incubator.vector}
 * module is in the boot layer (its exponential is the JDK's vectorised one, within 1 ulp of
 * {@code Math.exp} in float), else the plain loop; the two differ in the last bits of each
 * value and in the order in which the sum is taken. Stateless and thread-safe.
 */
public interface ExpKernel {

    /** {@code max(x[off .. off + n))}, negative infinity for n = 0; NaN if any element is NaN. */
    float max(float[] x, int off, int n);

    /**
     * Writes {@code out[outOff + i] = exp(x[off + i] - shift)} for i in {@code [0, n)} and
     * returns their sum.
     */
    double expShifted(float[] x, int off, int n, float shift, float[] out, int outOff);

    /** The implementation for this JVM, chosen once. */
    static ExpKernel get() {
        return ExpKernels.INSTANCE;
    }

    /** The plain-Java twin, always available (for tests and as the fallback). */
    static ExpKernel plain() {
        return PlainExpKernel.INSTANCE;
    }
}
