package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small-matrix loops against the plain GEMM reference, at odd sizes and offsets, accumulating into C. */
class SmallGemmTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void allThreeLayoutsAgreeWithThePlainGemm() {
        int[][] shapes = {{1, 1, 1}, {16, 16, 32}, {16, 32, 16}, {7, 9, 13}, {3, 17, 1}, {1, 31, 33}, {32, 32, 32}};
        PlainGemm plain = new PlainGemm();
        long seed = 11;
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int off = 3;
            for (int layout = 0; layout < 3; layout++) {
                boolean transA = layout == 2;
                boolean transB = layout == 1;
                float[] a = random(off + m * k, seed++);
                float[] b = random(off + k * n, seed++);
                float[] c = random(off + m * n, seed++);
                float[] expected = c.clone();
                plain.sgemm(transA, transB, m, n, k, 1f, a, off, transA ? m : k, b, off, transB ? k : n, 1f, expected, off, n);
                switch (layout) {
                    case 0 -> SmallGemm.nn(m, n, k, a, off, b, off, c, off);
                    case 1 -> SmallGemm.nt(m, n, k, a, off, b, off, c, off);
                    default -> SmallGemm.tn(m, n, k, a, off, b, off, c, off);
                }
                for (int i = 0; i < c.length; i++) {
                    assertThat(c[i]).as("layout %d, %d x %d x %d, element %d", layout, m, n, k, i)
                            .isCloseTo(expected[i], within(1e-5f * (k + 1)));
                }
            }
        }
    }
}
