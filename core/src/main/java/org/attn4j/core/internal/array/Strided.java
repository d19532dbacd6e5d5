package org.attn4j.core.internal.array;

/**
 * Copies between a row-major array and a strided view of another one: the forward and the
 * adjoint of a transpose (a permutation of axes), without materialising an index map.
 *
 * <p>The view has shape {@code shape} (rank r >= 1) and element {@code (i_0, ..., i_{r-1})} of it
 * lives at {@code sum(i_d * strides[d])} in the strided array. Both loops walk the view in
 * row-major order: an odometer over the first r - 1 axes and a tight loop over the last one,
 * which is a plain {@code arraycopy} when its stride is 1 (a transpose that keeps the last axis,
 * as splitting attention heads does). Rows are split over the cores by {@link Parallel}; each
 * element is written by exactly one row, so the result does not depend on the split.
 */
public final class Strided {
    private Strided() {
    }

    /**
     * {@code out[i] = src[offset(i)]} for every element i of the view, {@code out} row-major
     * with {@code size(shape)} elements (written, not accumulated).
     */
    public static void gather(float[] src, int[] shape, int[] strides, float[] out) {
        check(shape, strides, out.length);
        walk(shape, strides, out.length, (off, stride, row, n) -> {
            if (stride == 1) {
                System.arraycopy(src, off, out, row, n);
            } else {
                for (int j = 0; j < n; j++) {
                    out[row + j] = src[off + j * stride];
                }
            }
        });
    }

    /**
     * The adjoint of {@link #gather}: {@code dst[offset(i)] += g[i]}. The offsets of a
     * permutation are distinct, so every element of {@code dst} receives at most one addend.
     */
    public static void scatterAdd(float[] g, int[] shape, int[] strides, float[] dst) {
        check(shape, strides, g.length);
        walk(shape, strides, g.length, (off, stride, row, n) -> {
            if (stride == 1) {
                for (int j = 0; j < n; j++) {
                    dst[off + j] += g[row + j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    dst[off + j * stride] += g[row + j];
                }
            }
        });
    }

    /** The inner loop over one row of the view: n elements from strided offset {@code off}, row-major start {@code row}. */
    @FunctionalInterface
    private interface Row {
        void run(int off, int stride, int row, int n);
    }

    private static void walk(int[] shape, int[] strides, int size, Row body) {
        int r = shape.length;
        int inner = shape[r - 1];
        if (inner == 0 || size == 0) {
            return;
        }
        int innerStride = strides[r - 1];
        int rows = size / inner;
        Parallel.range(rows, inner, (from, to) -> {
            int[] idx = new int[r];
            int off = 0;
            int rest = from;
            for (int d = r - 2; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
                off += idx[d] * strides[d];
            }
            for (int o = from; o < to; o++) {
                body.run(off, innerStride, o * inner, inner);
                for (int d = r - 2; d >= 0; d--) {
                    idx[d]++;
                    off += strides[d];
                    if (idx[d] < shape[d]) {
                        break;
                    }
                    off -= strides[d] * shape[d];
                    idx[d] = 0;
                }
            }
        });
    }

    private static void check(int[] shape, int[] strides, int size) {
        if (shape.length == 0 || shape.length != strides.length || Shapes.size(shape) != size) {
            throw new IllegalArgumentException("strided copy: shape " + Shapes.str(shape) + " with "
                    + strides.length + " strides does not describe " + size + " elements (rank must be >= 1)");
        }
    }
}
