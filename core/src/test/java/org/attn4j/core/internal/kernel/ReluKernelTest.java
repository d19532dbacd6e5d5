package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chosen ReLU kernel gives exactly the plain loops' results, on ranges of odd lengths and offsets, NaN and -0 included. */
class ReluKernelTest {

    @Test
    void theChosenKernelEqualsThePlainLoops() {
        ReluKernel fast = ReluKernel.get();
        ReluKernel plain = ReluKernel.plain();
        if (Kernels.vectorAvailable()) {
            assertThat(fast.getClass().getSimpleName()).isEqualTo("VectorReluKernel");
        }
        SplittableRandom rng = new SplittableRandom(2);
        int n = 1000;
        float[] x = new float[n];
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
            g[i] = (float) rng.nextDouble(-1, 1);
        }
        x[5] = Float.NaN;
        x[6] = -0f;
        x[7] = 0f;
        x[8] = Float.MIN_VALUE;
        for (int[] range : new int[][] {{0, n}, {3, 3}, {1, 8}, {5, 22}, {7, 999}, {0, 17}}) {
            float[] y1 = new float[n];
            float[] y2 = new float[n];
            fast.forward(x, y1, range[0], range[1]);
            plain.forward(x, y2, range[0], range[1]);
            assertThat(java.util.Arrays.mismatch(y1, y2)).as("forward over %d..%d", range[0], range[1]).isEqualTo(-1);
            float[] g1 = g.clone();
            float[] g2 = g.clone();
            fast.maskInPlace(x, g1, range[0], range[1]);
            plain.maskInPlace(x, g2, range[0], range[1]);
            assertThat(java.util.Arrays.mismatch(g1, g2)).as("mask over %d..%d", range[0], range[1]).isEqualTo(-1);
        }
        float[] y = new float[9];
        plain.forward(x, y, 0, 9);
        assertThat(y[5]).isZero();
        assertThat(Float.floatToRawIntBits(y[6])).isZero();
        assertThat(y[8]).isEqualTo(Float.MIN_VALUE);
    }
}
