package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chosen column-sum kernel gives exactly the plain loops' sums, for widths around the vector blocks. */
class ColumnSumKernelTest {

    @Test
    void theChosenKernelEqualsThePlainLoops() {
        ColumnSumKernel fast = ColumnSumKernel.get();
        ColumnSumKernel plain = ColumnSumKernel.plain();
        if (Kernels.vectorAvailable()) {
            assertThat(fast.getClass().getSimpleName()).isEqualTo("VectorColumnSumKernel");
        }
        SplittableRandom rng = new SplittableRandom(5);
        // widths below one vector, one vector, between the four-vector blocks, past them with a tail;
        // heights below, at and across the row blocks
        for (int cols : new int[] {1, 3, 8, 16, 31, 32, 33, 47, 64, 100, 256}) {
            for (int rows : new int[] {0, 1, 7, 16, 37, 64}) {
                float[] m = new float[rows * cols];
                for (int i = 0; i < m.length; i++) {
                    m[i] = (float) rng.nextDouble(-1, 1) * (i % 5 == 0 ? 1000 : 1);
                }
                float[] start = new float[cols];
                for (int j = 0; j < cols; j++) {
                    start[j] = (float) rng.nextDouble(-1, 1);
                }
                float[] s1 = start.clone();
                float[] s2 = start.clone();
                fast.addColumnSums(m, rows, cols, s1);
                plain.addColumnSums(m, rows, cols, s2);
                assertThat(Arrays.mismatch(s1, s2)).as("%d x %d", rows, cols).isEqualTo(-1);
            }
        }
    }

    @Test
    void addsEachColumnIntoTheSums() {
        float[] m = {1, 2, 3, 10, 20, 30};
        float[] sums = {100, 200, 300};
        ColumnSumKernel.get().addColumnSums(m, 2, 3, sums);
        assertThat(sums).containsExactly(111f, 222f, 333f);
    }
}
