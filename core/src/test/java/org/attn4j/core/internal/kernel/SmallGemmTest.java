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
        // attention shapes; sizes around the vector width (4, 8 or 16 lanes) and the pairs of vectors
        // the four-row blocks take together (pairs, then a single vector, then a scalar tail); the size limit
        int[][] shapes = {{16, 16, 32}, {16, 32, 16}, {1, 1, 1}, {7, 9, 13}, {3, 17, 1}, {1, 31, 33}, {5, 8, 3},
            {2, 16, 5}, {4, 24, 7}, {8, 41, 3}, {6, 23, 5}, {32, 32, 32}};
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

    @Test
    void theStridedFormAgreesWithThePlainGemmInEveryLayout() {
        SmallGemm small = SmallGemm.vector();
        assumeTrue(small != null, "the jdk.incubator.vector module is not in the boot layer");
        int[][] shapes = {{16, 16, 32}, {16, 32, 16}, {1, 1, 1}, {7, 9, 13}, {3, 17, 1}, {1, 31, 33}, {5, 8, 3}, {9, 1, 4},
            {8, 41, 3}, {6, 23, 5}};
        PlainGemm plain = new PlainGemm();
        long seed = 21;
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int off = 2;
            int pad = 3; // rows wider than the matrix, as one head inside [T, H * Dh] is
            for (int layout = 0; layout < 8; layout++) {
                boolean ta = (layout & 1) != 0;
                boolean tb = (layout & 2) != 0;
                boolean tc = (layout & 4) != 0;
                int lda = (ta ? m : k) + pad;
                int ldb = (tb ? k : n) + pad;
                int ldc = (tc ? m : n) + pad;
                float[] a = random(off + (ta ? k : m) * lda, seed++);
                float[] b = random(off + (tb ? n : k) * ldb, seed++);
                float[] c = random(off + (tc ? n : m) * ldc, seed++);
                float[] expected = c.clone();
                // the reference in C's row-major orientation, C^T = B^T A^T for a column-major C
                if (tc) {
                    plain.sgemm(!tb, !ta, n, m, k, 1f, b, off, ldb, a, off, lda, 1f, expected, off, ldc);
                } else {
                    plain.sgemm(ta, tb, m, n, k, 1f, a, off, lda, b, off, ldb, 1f, expected, off, ldc);
                }
                small.strided(m, n, k, a, off, ta ? 1 : lda, ta ? lda : 1, b, off, tb ? 1 : ldb, tb ? ldb : 1, c, off,
                        tc ? 1 : ldc, tc ? ldc : 1);
                for (int i = 0; i < c.length; i++) {
                    assertThat(c[i]).as("layout %d, %d x %d x %d, element %d", layout, m, n, k, i)
                            .isCloseTo(expected[i], within(1e-5f * (k + 1)));
                }
                // the same sums as the dense form on row-major copies, bit for bit
                float[] ad = new float[m * k];
                float[] bd = new float[k * n];
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        ad[i * k + p] = a[off + (ta ? p * lda + i : i * lda + p)];
                    }
                }
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) {
                        bd[p * n + j] = b[off + (tb ? j * ldb + p : p * ldb + j)];
                    }
                }
                float[] cd = new float[m * n];
                small.nn(m, n, k, ad, 0, bd, 0, cd, 0);
                float[] strided = new float[(tc ? n : m) * ldc];
                small.strided(m, n, k, a, off, ta ? 1 : lda, ta ? lda : 1, b, off, tb ? 1 : ldb, tb ? ldb : 1, strided, 0,
                        tc ? 1 : ldc, tc ? ldc : 1);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat(strided[tc ? j * ldc + i : i * ldc + j]).as("layout %d, %d x %d x %d, (%d, %d)", layout,
                                m, n, k, i, j).isEqualTo(cd[i * n + j]);
                    }
                }
            }
        }
    }
}
