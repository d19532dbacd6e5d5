package org.attn4j.core.internal.array;

/**
 * Elementary functions faster than {@link Math}'s where the JDK has no intrinsic.
 *
 * <p>JDK 17's {@code Math.tanh} is the portable fdlibm routine (about 10% of an RNN training
 * step in profiles), while {@code Math.exp} is a compiler intrinsic; {@link #tanh} computes
 * {@code (e^2x - 1) / (e^2x + 1)} in double, exact to float32 precision
 * ({@code FastMathTest} bounds the difference from {@code Math.tanh}).
 */
public final class FastMath {
    /** Beyond this |x|, tanh(x) rounds to ±1 in double. */
    private static final double SATURATION = 20;

    private FastMath() {
    }

    public static double tanh(double x) {
        if (x > SATURATION) {
            return 1;
        }
        if (x < -SATURATION) {
            return -1;
        }
        if (Math.abs(x) < 1e-4) {
            return x - x * x * x / 3; // the series avoids the cancellation of e^2x - 1 near 0
        }
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }
}
