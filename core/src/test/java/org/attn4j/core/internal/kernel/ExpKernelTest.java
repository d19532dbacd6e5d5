package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chosen exp kernel against its plain twin, on rows shorter, equal to and longer than a vector, at offsets. */
class ExpKernelTest {

    @Test
    void theChosenKernelAgreesWithThePlainLoops() {
        ExpKernel fast = ExpKernel.get();
        ExpKernel plain = ExpKernel.plain();
        if (Kernels.vectorAvailable()) {
            assertThat(fast.getClass().getSimpleName()).isEqualTo("VectorExpKernel");
        }
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 33, 6000, 6001}) {
            int off = 3;
            float[] x = new float[off + n + 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextDouble(-30, 30);
            }
            float m = plain.max(x, off, n);
            assertThat(fast.max(x, off, n)).as("max of %d", n).isEqualTo(m);
            float[] a = new float[n + 1];
            float[] b = new float[n + 1];
            double sa = fast.expShifted(x, off, n, m, a, 1);
            double sb = plain.expShifted(x, off, n, m, b, 1);
            assertThat(sa).as("sum of %d", n).isCloseTo(sb, within(1e-6 * Math.max(1, sb)));
            assertThat(a[0]).isZero();
            for (int i = 1; i <= n; i++) {
                assertThat(a[i]).as("exp %d of %d", i, n).isCloseTo(b[i], within(2e-7f * Math.max(b[i], Float.MIN_NORMAL)));
            }
        }
        assertThat(plain.max(new float[] {1, Float.NaN, 2}, 0, 3)).isNaN();
        assertThat(fast.max(new float[] {1, Float.NaN, 2}, 0, 3)).isNaN();
    }
}
