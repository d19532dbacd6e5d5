package org.attn4j.core.internal.kernel;

/**
 * The two passes of a softmax over one row of floats: the maximum, then the exponentials of the
 * row shifted by it and their sum, optionally only where a mask is non-zero. Cross-entropy over a
 * large vocabulary and masked softmax (attention weights) spend most of their forward here.
 *
 * <p>Every implementation computes the same bits, defined by the plain-Java twin: each
 * exponential is {@link FloatExp#exp(float)} of the float {@code x - shift} (within 1 ulp of
 * {@code Math.exp}); the sum adds the exponentials of each whole block of {@value #BLOCK}
 * elements into {@value #BLOCK} float partial sums (element i into partial sum i mod
 * {@value #BLOCK}), then adds those partial sums in index order in double, then the remaining
 * elements in order in double. The Vector API implementation keeps the partial sums in vector
 * lanes and performs the same IEEE operations, so its results do not depend on the vector width,
 * nor on whether the JIT has compiled it (which would not hold for the JDK's
 * {@code lanewise(EXP)} or {@code reduceLanes(ADD)}, whose results change when C2 turns them into
 * intrinsics). Stateless and thread-safe.
 */
public interface ExpKernel {

    /** The number of float partial sums of {@link #expShifted}: one per element of a block. */
    int BLOCK = 16;

    /** {@code max(x[off .. off + n))}, negative infinity for n = 0; NaN if any element is NaN. */
    float max(float[] x, int off, int n);

    /**
     * Writes {@code out[outOff + i] = exp(x[off + i] - shift)} for i in {@code [0, n)} and
     * returns their sum, in the order the class comment gives.
     */
    double expShifted(float[] x, int off, int n, float shift, float[] out, int outOff);

    /**
     * {@link #max} over the elements i with {@code mask[mOff + i] != 0}; negative infinity when
     * there are none.
     */
    float maxMasked(float[] x, int off, int n, float[] mask, int mOff);

    /**
     * {@link #expShifted} where {@code mask[mOff + i] != 0}, and {@code out[outOff + i] = 0}
     * where it is 0 (whatever {@code x} holds there, infinities and NaN included); the sum is
     * taken in the same order, over those values.
     */
    double expShiftedMasked(float[] x, int off, int n, float shift, float[] mask, int mOff, float[] out,
            int outOff);

    /** The implementation for this JVM, chosen once. */
    static ExpKernel get() {
        return ExpKernels.INSTANCE;
    }

    /** The plain-Java twin, always available (for tests and as the fallback). */
    static ExpKernel plain() {
        return PlainExpKernel.INSTANCE;
    }
}
