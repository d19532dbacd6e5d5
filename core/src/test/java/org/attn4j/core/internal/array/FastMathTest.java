package org.attn4j.core.internal.array;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FastMathTest {

    @Test
    void tanhAgreesWithTheJdkToFloatPrecision() {
        double worst = 0;
        for (double x = -25; x <= 25; x += 1.0 / 1024) {
            double fast = FastMath.tanh(x);
            double ref = Math.tanh(x);
            worst = Math.max(worst, Math.abs(fast - ref) / Math.max(Math.abs(ref), 1e-300));
        }
        for (double x = -1e-3; x <= 1e-3; x += 1e-7) {
            double ref = Math.tanh(x);
            if (ref != 0) {
                worst = Math.max(worst, Math.abs(FastMath.tanh(x) - ref) / Math.abs(ref));
            }
        }
        assertThat(worst).as("largest relative difference from Math.tanh").isLessThan(1e-12);
        assertThat(FastMath.tanh(0)).isZero();
        assertThat(FastMath.tanh(1000)).isEqualTo(1.0);
        assertThat(FastMath.tanh(-1000)).isEqualTo(-1.0);
        assertThat(FastMath.tanh(Double.NaN)).isNaN();
    }
}
