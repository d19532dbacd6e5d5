package org.attn4j.core.internal.kernel;

/**
 * Column sums of a row-major matrix added into a vector: the gradient of a bias that was added
 * to every row ({@code linear}'s bias). Each column is summed row by row in row order in both
 * implementations, so they give identical results; the Vector API one adds a vector of columns
 * at a time (the plain loop, whose sum and source are different arrays at unrelated offsets,
 * is not vectorised by C2 and measured about 4 times slower on 1024 x 256).
 * Stateless and thread-safe.
 */
public interface ColumnSumKernel {

    /**
     * {@code sums[j] += sum over r < rows of m[r * cols + j]} for {@code j < cols}, rows added
     * in order.
     */
    void addColumnSums(float[] m, int rows, int cols, float[] sums);

    /** The Vector API implementation when its module is present, else the plain loops. */
    static ColumnSumKernel get() {
        return Holder.INSTANCE;
    }

    /** The plain loops (the reference twin). */
    static ColumnSumKernel plain() {
        return Plain.INSTANCE;
    }

    /** Plain loops. */
    final class Plain implements ColumnSumKernel {
        private static final Plain INSTANCE = new Plain();

        private Plain() {
        }

        @Override
        public void addColumnSums(float[] m, int rows, int cols, float[] sums) {
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int j = 0; j < cols; j++) {
                    sums[j] += m[base + j];
                }
            }
        }
    }

    /** Chooses once; the vector class is loaded by name so that this interface never links the incubator module. */
    final class Holder {
        private static final ColumnSumKernel INSTANCE = Kernels.vectorOr(ColumnSumKernel.class, "VectorColumnSumKernel", Plain.INSTANCE);

        private Holder() {
        }
    }
}
