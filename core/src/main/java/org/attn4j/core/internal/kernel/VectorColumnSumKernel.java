package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColumnSumKernel} with the Vector API: four vectors of columns kept in registers while
 * the rows stream past, then the next four; the columns past the last full vector one by one.
 * Every column is still summed in row order. Load only when {@code jdk.incubator.vector} is in
 * the boot layer; compiled separately, see core/pom.xml.
 */
final class VectorColumnSumKernel implements ColumnSumKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    VectorColumnSumKernel() {
    }

    @Override
    public void addColumnSums(float[] m, int rows, int cols, float[] sums) {
        int len = S.length();
        int j = 0;
        for (; j + 4 * len <= cols; j += 4 * len) {
            FloatVector s0 = FloatVector.fromArray(S, sums, j);
            FloatVector s1 = FloatVector.fromArray(S, sums, j + len);
            FloatVector s2 = FloatVector.fromArray(S, sums, j + 2 * len);
            FloatVector s3 = FloatVector.fromArray(S, sums, j + 3 * len);
            for (int r = 0, base = j; r < rows; r++, base += cols) {
                s0 = s0.add(FloatVector.fromArray(S, m, base));
                s1 = s1.add(FloatVector.fromArray(S, m, base + len));
                s2 = s2.add(FloatVector.fromArray(S, m, base + 2 * len));
                s3 = s3.add(FloatVector.fromArray(S, m, base + 3 * len));
            }
            s0.intoArray(sums, j);
            s1.intoArray(sums, j + len);
            s2.intoArray(sums, j + 2 * len);
            s3.intoArray(sums, j + 3 * len);
        }
        for (; j + len <= cols; j += len) {
            FloatVector s = FloatVector.fromArray(S, sums, j);
            for (int r = 0, base = j; r < rows; r++, base += cols) {
                s = s.add(FloatVector.fromArray(S, m, base));
            }
            s.intoArray(sums, j);
        }
        for (; j < cols; j++) {
            float s = sums[j];
            for (int r = 0, at = j; r < rows; r++, at += cols) {
                s += m[at];
            }
            sums[j] = s;
        }
    }
}
