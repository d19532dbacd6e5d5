package org.attn4j.core.testing;

import static org.assertj.core.api.Assertions.fail;

/** Element-wise comparison with a relative tolerance, reporting the worst element. */
public final class Close {
    private Close() {
    }

    /**
     * Fails unless every |actual - expected| <= rel * max(|expected|, floor). The floor, 1e-2 or a
     * hundredth of the largest expected magnitude if that is larger, keeps entries that are zero in
     * exact arithmetic (a key bias's gradient under softmax, 1e-16 in the float64 reference) from
     * demanding more than float32 can give: with rel 1e-4 they must be within 1e-6.
     */
    public static void assertClose(String what, float[] actual, double[] expected, double rel) {
        if (actual.length != expected.length) {
            fail("%s: %d values, expected %d", what, actual.length, expected.length);
        }
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double floor = Math.max(scale * 1e-2, 1e-2);
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            double ratio = err / (rel * Math.max(Math.abs(expected[i]), floor));
            if (!(ratio <= 1) && (worst < 0 || ratio > worstRatio || Double.isNaN(ratio))) {
                worst = i;
                worstRatio = ratio;
            }
        }
        if (worst >= 0) {
            fail("%s: element %d is %.8g, expected %.8g (relative tolerance %.1g)", what, worst, actual[worst],
                    expected[worst], rel);
        }
    }
}
