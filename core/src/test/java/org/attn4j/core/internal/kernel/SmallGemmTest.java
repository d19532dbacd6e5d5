package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small-matrix products against the plain GEMM reference, at odd sizes and offsets, accumulating into C. */
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
    void allThreeFormsAgreeWithThePlainGemm() {
        SmallGemm small = SmallGemm.vector();
        assumeTrue(small != null, "the jdk.incubator.vector module is not in the boot layer");
        // attention shapes; sizes around the vector width (4, 8 or 16 lanes); the size limit
        int[][] shapes = {{16, 16, 32}, {16, 32, 16}, {1, 1, 1}, {7, 9, 13}, {3, 17, 1}, {1, 31, 33}, {5, 8, 3},
            {2, 16, 5}, {4, 24, 7}, {32, 32, 32}};
        PlainGemm plain = new PlainGemm();
        long seed = 11;
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int off = 3;
            for (int form = 0; form < 3; form++) {
                boolean transA = form == 2;
                boolean transB = form == 1;
                float[] a = random(off + m * k + 2, seed++);
                float[] b = random(off + k * n + 2, seed++);
                float[] c = random(off + m * n + 2, seed++);
                float[] expected = c.clone();
                plain.sgemm(transA, transB, m, n, k, 1f, a, off, transA ? m : k, b, off, transB ? k : n, 1f, expected, off, n);
                switch (form) {
                    case 0 -> small.nn(m, n, k, a, off, b, off, c, off);
                    case 1 -> small.nt(m, n, k, a, off, b, off, c, off);
                    default -> small.tn(m, n, k, a, off, b, off, c, off);
                }
                for (int i = 0; i < c.length; i++) {
                    assertThat(c[i]).as("form %d, %d x %d x %d, element %d", form, m, n, k, i)
                            .isCloseTo(expected[i], within(1e-5f * (k + 1)));
                }
            }
        }
    }
}
