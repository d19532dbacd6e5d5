package org.attn4j.core.internal.array;

/**
 * Loops over broadcast shapes: the forward of element-wise binary ops, materialising a
 * broadcast, and its adjoint (summing a gradient back to a smaller shape).
 *
 * <p>All loops walk the output in row-major order with an odometer over the outer axes and a
 * tight inner loop over the last axis, so the common cases (equal shapes; a bias over the last
 * axis) run as flat loops.
 */
public final class Broadcast {
    public static final int ADD = 0;
    public static final int SUB = 1;
    public static final int MUL = 2;
    public static final int DIV = 3;

    private Broadcast() {
    }

    /** {@code out = a (op) b} where out has the broadcast shape {@code os}. */
    public static void binary(int op, float[] a, int[] as, float[] b, int[] bs, float[] out, int[] os) {
        if (a.length == out.length && b.length == out.length) {
            // equal shapes up to leading 1s: one flat loop, split over the cores
            Parallel.range(out.length, 1, (from, to) -> contiguous(op, a, from, b, from, out, from, to - from));
            return;
        }
        if (a.length == out.length && isRowVector(bs, os)) {
            // [..., n] (op) [n]: a bias or scale over the last axis
            int n = b.length;
            Parallel.range(out.length / n, n, (from, to) -> {
                for (int r = from; r < to; r++) {
                    contiguous(op, a, r * n, b, 0, out, r * n, n);
                }
            });
            return;
        }
        int[] sa = Shapes.broadcastStrides(as, os);
        int[] sb = Shapes.broadcastStrides(bs, os);
        int r = os.length;
        if (r == 0) {
            flat(op, a, 0, 1, b, 0, 1, out, 0, 1);
            return;
        }
        int inner = os[r - 1];
        int outer = out.length / Math.max(inner, 1);
        int[] idx = new int[r];
        int ia = 0;
        int ib = 0;
        for (int o = 0; o < outer; o++) {
            flat(op, a, ia, sa[r - 1], b, ib, sb[r - 1], out, o * inner, inner);
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < os[d]) {
                    break;
                }
                ia -= sa[d] * os[d];
                ib -= sb[d] * os[d];
                idx[d] = 0;
            }
        }
    }

    /** Whether {@code bs} is {@code [n]} (after leading 1s) for the last axis of {@code os}, n > 0. */
    private static boolean isRowVector(int[] bs, int[] os) {
        int r = os.length;
        if (r == 0 || bs.length == 0 || bs[bs.length - 1] != os[r - 1] || os[r - 1] == 0) {
            return false;
        }
        for (int d = 0; d < bs.length - 1; d++) {
            if (bs[d] != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@link #flat} with unit strides, written out so that the JIT vectorises each loop. */
    private static void contiguous(int op, float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
        switch (op) {
            case ADD -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] + b[ib + j];
                }
            }
            case SUB -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] - b[ib + j];
                }
            }
            case MUL -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] * b[ib + j];
                }
            }
            case DIV -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] / b[ib + j];
                }
            }
            default -> throw new IllegalArgumentException("op " + op);
        }
    }

    private static void flat(int op, float[] a, int ia, int sa, float[] b, int ib, int sb,
            float[] out, int io, int n) {
        switch (op) {
            case ADD -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j * sa] + b[ib + j * sb];
                }
            }
            case SUB -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j * sa] - b[ib + j * sb];
                }
            }
            case MUL -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j * sa] * b[ib + j * sb];
                }
            }
            case DIV -> {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j * sa] / b[ib + j * sb];
                }
            }
            default -> throw new IllegalArgumentException("op " + op);
        }
    }

    /** The element offsets of {@code in} (shape {@code is}) for each element of the broadcast shape {@code os}. */
    public static int[] offsets(int[] is, int[] os) {
        return walk(os, Shapes.broadcastStrides(is, os));
    }

    /**
     * For each element of {@code shape} in row-major order, the offset {@code sum(index[d] * strides[d])}:
     * broadcasting (strides 0 on broadcast axes) and permutations (permuted strides) alike.
     */
    public static int[] walk(int[] shape, int[] strides) {
        int n = Shapes.size(shape);
        int[] map = new int[n];
        int r = shape.length;
        int[] idx = new int[r];
        int off = 0;
        for (int i = 0; i < n; i++) {
            map[i] = off;
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /** {@code src} (shape {@code is}) broadcast to shape {@code os}, as a new array. */
    public static float[] expand(float[] src, int[] is, int[] os) {
        if (java.util.Arrays.equals(is, os)) {
            return src.clone();
        }
        float[] out = new float[Shapes.size(os)];
        int[] map = offsets(is, os);
        for (int i = 0; i < out.length; i++) {
            out[i] = src[map[i]];
        }
        return out;
    }

    /**
     * The adjoint of broadcasting: {@code dst[j] += sum of src[i]} over the elements i of shape
     * {@code os} that broadcast from element j of shape {@code ds}.
     */
    public static void reduceInto(float[] src, int[] os, float[] dst, int[] ds) {
        if (java.util.Arrays.equals(os, ds)) {
            for (int i = 0; i < src.length; i++) {
                dst[i] += src[i];
            }
            return;
        }
        // walk the source in order; the destination offset follows with stride 0 on broadcast axes
        int[] sd = Shapes.broadcastStrides(ds, os);
        int r = os.length;
        int inner = os[r - 1];
        int innerStride = sd[r - 1];
        int outer = src.length / Math.max(inner, 1);
        int[] idx = new int[r];
        int off = 0;
        for (int o = 0; o < outer; o++) {
            int base = o * inner;
            if (innerStride == 0) {
                float sum = 0;
                for (int j = 0; j < inner; j++) {
                    sum += src[base + j];
                }
                dst[off] += sum;
            } else if (innerStride == 1) {
                for (int j = 0; j < inner; j++) {
                    dst[off + j] += src[base + j];
                }
            } else {
                for (int j = 0; j < inner; j++) {
                    dst[off + j * innerStride] += src[base + j];
                }
            }
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                off += sd[d];
                if (idx[d] < os[d]) {
                    break;
                }
                off -= sd[d] * os[d];
                idx[d] = 0;
            }
        }
    }
}
