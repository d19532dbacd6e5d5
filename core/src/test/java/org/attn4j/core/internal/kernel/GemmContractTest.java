package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every fast GEMM must do: agree with {@link PlainGemm} on seeded random inputs for every
 * transA/transB combination, alpha, beta, offset and leading dimension, over shapes that hit
 * the micro-tile edges, the cache-block boundaries and the multi-threaded split.
 */
abstract class GemmContractTest {

    /** The implementation under test. */
    abstract Gemm gemm();

    private static final float[] ALPHAS = {1f, -0.75f, 0f};
    private static final float[] BETAS = {0f, 1f, 0.5f};

    /** Small and odd shapes: each runs with every trans/alpha/beta combination. */
    private static final int[][] SMALL = {
        {1, 1, 1}, {1, 7, 3}, {7, 1, 5}, {2, 3, 1}, {6, 16, 4}, {7, 17, 33}, {13, 33, 7},
        {33, 5, 64}, {5, 40, 2}, {12, 32, 1}, {3, 9, 0},
    };

    /** Larger shapes (block boundaries, parallel split): each runs with a few combinations. */
    private static final int[][] LARGE = {
        {70, 65, 60},       // parallel, split along M, partial tiles on both edges
        {64, 512, 33},      // parallel, split along N with small M
        {150, 40, 300},     // more than one MC block and one KC block
        {9, 300, 257},      // KC + 1 deep
        {2, 8200, 3},       // wider than one NC panel
        {1, 600, 700},      // a single row, parallel over N
        {600, 1, 500},      // a single column, parallel over M
        {4, 70, 200},       // thin A (fewer rows than a tile): four rows at a time, column tail
        {5, 33, 150},       // thin A: four rows and one
        {3, 300, 130},      // thin A: two rows and one, KC + 44 deep
        {2, 17, 129},       // thin A: two rows, one column past the vector blocks
    };

    @Test
    void matchesPlainOnSmallShapesForEveryCombination() {
        Gemm plain = new PlainGemm();
        Gemm fast = gemm();
        long seed = 1;
        for (int[] s : SMALL) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (float alpha : ALPHAS) {
                        for (float beta : BETAS) {
                            GemmCase c = new GemmCase(seed++, ta, tb, s[0], s[1], s[2], alpha, beta);
                            c.assertClose(c.run(plain), c.run(fast), fast.name());
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesPlainOnLargerShapes() {
        Gemm plain = new PlainGemm();
        Gemm fast = gemm();
        long seed = 1000;
        for (int[] s : LARGE) {
            for (int combo = 0; combo < 4; combo++) {
                boolean ta = (combo & 1) != 0;
                boolean tb = (combo & 2) != 0;
                float alpha = combo == 3 ? 1f : -0.75f;
                float beta = BETAS[combo % BETAS.length];
                GemmCase c = new GemmCase(seed++, ta, tb, s[0], s[1], s[2], alpha, beta);
                c.assertClose(c.run(plain), c.run(fast), fast.name());
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        Gemm plain = new PlainGemm();
        Gemm fast = gemm();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<GemmCase> cases = new ArrayList<>();
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                GemmCase c = new GemmCase(50 + t, t % 2 == 0, t % 3 == 0, 90 + t, 80 - t, 70, 1f, 0f);
                cases.add(c);
                results.add(callers.submit(() -> c.run(fast)));
            }
            for (int t = 0; t < cases.size(); t++) {
                cases.get(t).assertClose(cases.get(t).run(plain), results.get(t).get(), fast.name());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void emptyProductLeavesBetaTimesC() {
        float[] c = {1f, 2f, 3f, 4f};
        gemm().sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 3f, c, 0, 2);
        assertThat(c).containsExactly(3f, 6f, 9f, 12f);
    }

    @Test
    void rejectsOperandsThatDoNotFit() {
        assertThatThrownBy(() -> gemm().sgemm(false, false, 2, 2, 2, 1f, new float[3], 0, 2,
                new float[4], 0, 2, 0f, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A stored as [2, 2]")
                .hasMessageContaining("needs 4 elements but its array has 3");
    }
}
