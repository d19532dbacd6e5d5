package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Batched matmul, values and both gradients, against a direct double-precision computation:
 * small matrices (the Vector API loops when present) with the batch on one core and split over
 * both, a left operand broadcast over the batch, and matrices just past the small-product limit
 * (the GEMM kernel).
 */
class BatchedMatmulTest {

    @Test
    void smallAndLargeProductsMatchTheDefinition() {
        int[][][] cases = {
            {{3, 5, 7, 9}, {3, 5, 9, 6}},        // 15 small products: one core
            {{8, 8, 16, 32}, {8, 8, 32, 16}},    // attention scores: split over the cores
            {{8, 8, 16, 16}, {8, 8, 16, 32}},    // attention context
            {{1, 4, 16, 32}, {16, 4, 32, 16}},   // left operand shared by all batches
            {{2, 3, 32, 32}, {2, 3, 32, 33}},    // 33,792 multiply-adds each: the GEMM kernel
        };
        SplittableRandom rng = new SplittableRandom(9);
        for (int[][] c : cases) {
            int[] as = c[0];
            int[] bs = c[1];
            float[] a = GradCheck.random(rng.nextLong(), size(as));
            float[] b = GradCheck.random(rng.nextLong(), size(bs));
            EagerOps ops = new EagerOps(new SplittableRandom(1));
            EagerTensor ta = ops.variable(a, as);
            EagerTensor tb = ops.variable(b, bs);
            EagerTensor out = (EagerTensor) ops.matmul(ta, tb);
            float[] probe = GradCheck.random(rng.nextLong(), out.size());
            ops.backward(out, probe);

            int m = as[2];
            int k = as[3];
            int n = bs[3];
            int nb = bs[0] * bs[1];
            int aBatches = as[0] * as[1];
            double[] ga = new double[a.length];
            double[] gb = new double[b.length];
            for (int i = 0; i < nb; i++) {
                int ao = i % aBatches * m * k;
                int bo = i * k * n;
                for (int r = 0; r < m; r++) {
                    for (int col = 0; col < n; col++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += (double) a[ao + r * k + p] * b[bo + p * n + col];
                        }
                        int o = (i * m + r) * n + col;
                        close(out.floats()[o], s, 1e-4, "value", o, as, bs);
                        for (int p = 0; p < k; p++) {
                            ga[ao + r * k + p] += probe[o] * b[bo + p * n + col];
                            gb[bo + p * n + col] += probe[o] * a[ao + r * k + p];
                        }
                    }
                }
            }
            for (int i = 0; i < a.length; i++) {
                close(ta.grad()[i], ga[i], 1e-3, "gradient of a", i, as, bs);
            }
            for (int i = 0; i < b.length; i++) {
                close(tb.grad()[i], gb[i], 1e-3, "gradient of b", i, as, bs);
            }
        }
    }

    /** Asserts only on a mismatch, so that the large cases do not build an assertion per element. */
    private static void close(float actual, double expected, double tol, String what, int i, int[] as, int[] bs) {
        if (!(Math.abs(actual - expected) <= tol)) {
            assertThat((double) actual).as("%s %d of %s x %s", what, i, str(as), str(bs)).isCloseTo(expected, within(tol));
        }
    }

    private static String str(int[] s) {
        return java.util.Arrays.toString(s);
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
