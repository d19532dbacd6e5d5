package org.attn4j.core.internal.kernel;

/**
 * The row loops of layer normalisation over the last axis of a flat {@code [rows, d]} array.
 * With {@code xhat = (x - mean) * rstd}: the forward writes {@code mean} and {@code rstd} per row
 * and {@code y = xhat * gamma + beta}; the backward computes
 * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} with
 * {@code dxhat = dy * gamma}, and adds {@code dgamma += sum_rows dy * xhat}, {@code dbeta += sum_rows dy}.
 * {@code xhat} is not stored: every method recomputes it from {@code x} and the row statistics as
 * the float expression {@code (x - mean) * rstd} (no fused multiply-add), so all see the same
 * values. Each row's result depends only on that row (never on how rows are split over threads);
 * the parameter gradients add the rows in order. Row statistics are summed in eight float partial
 * sums (element j of the whole blocks of eight into partial sum j mod 8, as the lanes of a 256-bit
 * vector), then those in index order in double, then the remaining elements in double; the Vector
 * API implementation and the plain loops perform the same IEEE operations in the same order
 * (fused multiply-adds included), so they give the same bits, before and after the JIT compiles
 * them, and training is reproducible from run to run. Stateless and thread-safe as long as
 * callers give disjoint row ranges.
 */
public interface LayerNormKernel {

    /**
     * Rows {@code [fromRow, toRow)}: {@code mean[r]}, {@code rstd[r]} and {@code y} from {@code x}.
     * {@code gamma} and {@code beta} have length {@code d}.
     */
    void forward(float[] x, float[] gamma, float[] beta, float eps, int d, float[] y, float[] mean, float[] rstd,
            int fromRow, int toRow);

    /**
     * Rows {@code [fromRow, toRow)} of the input gradient from the output gradient {@code g}:
     * added into {@code gx} when {@code accumulate}, else written over it. {@code gx} may be
     * {@code g} itself (each row is read in full before it is written).
     */
    void backwardInput(float[] g, float[] gamma, float[] x, float[] mean, float[] rstd, int d, float[] gx,
            boolean accumulate, int fromRow, int toRow);

    /**
     * Columns {@code [fromCol, toCol)} of the parameter gradients over all {@code rows}, rows
     * added in order: {@code gg[j] += sum g * xhat}, {@code gb[j] += sum g}; either may be null.
     */
    void backwardParams(float[] g, float[] x, float[] mean, float[] rstd, int d, int rows, float[] gg, float[] gb,
            int fromCol, int toCol);

    /**
     * The Vector API implementation when its module is present and 256-bit vectors are native,
     * else the plain loops (the same bits either way).
     */
    static LayerNormKernel get() {
        return Holder.INSTANCE;
    }

    /** The plain loops (the reference twin). */
    static LayerNormKernel plain() {
        return PlainLayerNormKernel.INSTANCE;
    }

    /** Chooses once; the vector class is loaded by name so that this interface never links the incubator module. */
    final class Holder {
        private static final LayerNormKernel INSTANCE = Kernels.vectorOr(LayerNormKernel.class, "VectorLayerNormKernel", PlainLayerNormKernel.INSTANCE);

        private Holder() {
        }
    }
}
