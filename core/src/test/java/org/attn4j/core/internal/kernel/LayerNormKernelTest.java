package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The chosen layer norm kernel against the plain loops on widths with and without vector tails,
 * bit for bit (the same operations in the same order); the statistics against double sums; the
 * input gradient written over its output-gradient array giving what adding it into zeros gives;
 * row ranges giving what the whole range gives; and the same bits from the first calls as after a
 * warm-up long enough for the JIT to compile the kernel.
 */
class LayerNormKernelTest {
    private static final int ROWS = 7;

    private static float[] random(SplittableRandom rng, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble(lo, hi);
        }
        return a;
    }

    @Test
    void theChosenKernelIsTheVectorOneWhenItsModuleIsPresent() {
        if (Kernels.vectorAvailable() && jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256) {
            assertThat(LayerNormKernel.get().getClass().getSimpleName()).isEqualTo("VectorLayerNormKernel");
        } else {
            assertThat(LayerNormKernel.get()).isSameAs(LayerNormKernel.plain());
        }
    }

    @Test
    void theChosenKernelEqualsThePlainLoopsOnOddWidths() {
        LayerNormKernel fast = LayerNormKernel.get();
        LayerNormKernel plain = LayerNormKernel.plain();
        SplittableRandom rng = new SplittableRandom(11);
        for (int d : new int[] {1, 3, 7, 8, 15, 17, 31, 33, 63, 65, 100, 129, 512}) {
            // an offset mean, as activations have, so that the deviations matter
            float[] x = random(rng, ROWS * d, 2, 4);
            float[] gamma = random(rng, d, 0.5, 1.5);
            float[] beta = random(rng, d, -1, 1);
            float[] g = random(rng, ROWS * d, -1, 1);
            float eps = 1e-5f;
            float[][] f = new float[2][ROWS * d];
            float[][] mu = new float[2][ROWS];
            float[][] rs = new float[2][ROWS];
            fast.forward(x, gamma, beta, eps, d, f[0], mu[0], rs[0], 0, ROWS);
            plain.forward(x, gamma, beta, eps, d, f[1], mu[1], rs[1], 0, ROWS);
            assertClose(f[0], f[1], 0f, "output, d=" + d);
            assertClose(mu[0], mu[1], 0f, "mean, d=" + d);
            assertClose(rs[0], rs[1], 0f, "rstd, d=" + d);
            for (int r = 0; r < ROWS; r++) { // the statistics themselves, in double
                double m = 0;
                for (int j = 0; j < d; j++) {
                    m += x[r * d + j];
                }
                m /= d;
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v += (x[r * d + j] - m) * (x[r * d + j] - m);
                }
                assertThat((double) mu[0][r]).as("mean row %d, d=%d", r, d).isCloseTo(m, within(1e-6 * Math.abs(m)));
                assertThat((double) rs[0][r]).as("rstd row %d, d=%d", r, d)
                        .isCloseTo(1 / Math.sqrt(v / d + eps), withinPercentage(1e-3));
            }

            // the input gradient on the plain forward's statistics, added to what is there
            float[] start = random(rng, ROWS * d, -1, 1);
            float[] gx0 = start.clone();
            float[] gx1 = start.clone();
            fast.backwardInput(g, gamma, x, mu[1], rs[1], d, gx0, true, 0, ROWS);
            plain.backwardInput(g, gamma, x, mu[1], rs[1], d, gx1, true, 0, ROWS);
            assertClose(gx0, gx1, 0f, "input gradient, d=" + d);
            if (d > 1) { // one element per row normalises to 0 whatever its input: no gradient
                assertThat(Arrays.equals(gx0, start)).as("the input gradient was added, d=%d", d).isFalse();
            }
            for (LayerNormKernel k : new LayerNormKernel[] {fast, plain}) {
                float[] into = new float[ROWS * d];
                k.backwardInput(g, gamma, x, mu[1], rs[1], d, into, true, 0, ROWS);
                float[] over = g.clone();
                k.backwardInput(over, gamma, x, mu[1], rs[1], d, over, false, 0, ROWS);
                assertClose(over, into, 0f, "input gradient over g, " + k.getClass().getSimpleName() + ", d=" + d);
            }

            float[] gg0 = random(rng, d, -1, 1);
            float[] gb0 = random(rng, d, -1, 1);
            float[] gg1 = gg0.clone();
            float[] gb1 = gb0.clone();
            fast.backwardParams(g, x, mu[1], rs[1], d, ROWS, gg0, gb0, 0, d);
            plain.backwardParams(g, x, mu[1], rs[1], d, ROWS, gg1, gb1, 0, d);
            assertThat(gg0).as("gamma gradient, d=%d", d).containsExactly(gg1);
            assertThat(gb0).as("beta gradient, d=%d", d).containsExactly(gb1);

            float[] onlyBeta = gb1.clone();
            fast.backwardParams(g, x, mu[1], rs[1], d, ROWS, null, onlyBeta, 0, d);
            plain.backwardParams(g, x, mu[1], rs[1], d, ROWS, null, gb1, 0, d);
            assertThat(onlyBeta).as("beta gradient alone, d=%d", d).containsExactly(gb1);
        }
    }

    @Test
    void theFirstCallsAndTheWarmedUpCallsGiveTheSameBits() {
        LayerNormKernel k = LayerNormKernel.get();
        SplittableRandom rng = new SplittableRandom(13);
        int d = 45; // vectors and a tail at every width
        float[] x = random(rng, ROWS * d, 2, 4);
        float[] gamma = random(rng, d, 0.5, 1.5);
        float[] beta = random(rng, d, -1, 1);
        float[] g = random(rng, ROWS * d, -1, 1);
        float[] first = everything(k, x, gamma, beta, g, d);
        float[] warm = null;
        // enough calls for C2 to compile the kernel and its loops (10,000 invocations by default)
        for (int i = 0; i < 12_000; i++) {
            warm = everything(k, x, gamma, beta, g, d);
        }
        for (int i = 0; i < first.length; i++) {
            assertThat(Float.floatToIntBits(warm[i])).as("value %d: %s first, %s warmed up", i, first[i], warm[i])
                    .isEqualTo(Float.floatToIntBits(first[i]));
        }
    }

    /** Output, statistics, input gradient and parameter gradients, one after the other. */
    private static float[] everything(LayerNormKernel k, float[] x, float[] gamma, float[] beta, float[] g, int d) {
        float[] y = new float[ROWS * d];
        float[] m = new float[ROWS];
        float[] r = new float[ROWS];
        k.forward(x, gamma, beta, 1e-5f, d, y, m, r, 0, ROWS);
        float[] gx = new float[ROWS * d];
        k.backwardInput(g, gamma, x, m, r, d, gx, true, 0, ROWS);
        float[] gg = new float[d];
        float[] gb = new float[d];
        k.backwardParams(g, x, m, r, d, ROWS, gg, gb, 0, d);
        float[] all = new float[y.length + 2 * ROWS + gx.length + 2 * d];
        int at = 0;
        for (float[] a : new float[][] {y, m, r, gx, gg, gb}) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    @Test
    void rangesOfRowsAndColumnsGiveWhatTheWholeRangeGives() {
        LayerNormKernel k = LayerNormKernel.get();
        SplittableRandom rng = new SplittableRandom(12);
        int d = 37;
        float[] x = random(rng, ROWS * d, -2, 2);
        float[] gamma = random(rng, d, 0.5, 1.5);
        float[] beta = random(rng, d, -1, 1);
        float[] g = random(rng, ROWS * d, -1, 1);
        float[] y0 = new float[ROWS * d];
        float[] m0 = new float[ROWS];
        float[] r0 = new float[ROWS];
        k.forward(x, gamma, beta, 1e-5f, d, y0, m0, r0, 0, ROWS);
        float[] y1 = new float[ROWS * d];
        float[] m1 = new float[ROWS];
        float[] r1 = new float[ROWS];
        k.forward(x, gamma, beta, 1e-5f, d, y1, m1, r1, 0, 3);
        k.forward(x, gamma, beta, 1e-5f, d, y1, m1, r1, 3, ROWS);
        assertThat(y1).containsExactly(y0);
        assertThat(m1).containsExactly(m0);
        assertThat(r1).containsExactly(r0);
        float[] gx0 = new float[ROWS * d];
        float[] gx1 = new float[ROWS * d];
        k.backwardInput(g, gamma, x, m0, r0, d, gx0, true, 0, ROWS);
        k.backwardInput(g, gamma, x, m0, r0, d, gx1, true, 0, 2);
        k.backwardInput(g, gamma, x, m0, r0, d, gx1, true, 2, ROWS);
        assertThat(gx1).containsExactly(gx0);
        float[] gg0 = new float[d];
        float[] gb0 = new float[d];
        float[] gg1 = new float[d];
        float[] gb1 = new float[d];
        k.backwardParams(g, x, m0, r0, d, ROWS, gg0, gb0, 0, d);
        k.backwardParams(g, x, m0, r0, d, ROWS, gg1, gb1, 0, 5);
        k.backwardParams(g, x, m0, r0, d, ROWS, gg1, gb1, 5, d);
        assertThat(gg1).containsExactly(gg0);
        assertThat(gb1).containsExactly(gb0);
    }

    private static void assertClose(float[] a, float[] b, float tol, String what) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("%s at %d: %s vs %s", what, i, a[i], b[i])
                    .isLessThanOrEqualTo(tol * Math.max(1f, Math.abs(b[i])));
        }
    }
}
