package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.array.Strided;

/** Ops that move values without arithmetic: reshape, transpose, concat, slice, gather, expand. */
final class ShapeOps {
    private ShapeOps() {
    }

    /** ONNX Reshape: 0 copies the input dimension at that index, one -1 is inferred. */
    static EagerTensor reshape(EagerOps ops, EagerTensor x, long[] spec) {
        int[] s = new int[spec.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < spec.length; i++) {
            long d = spec[i];
            if (d == 0) {
                if (i >= x.rank()) {
                    throw new ShapeException("reshape: 0 at index " + i + " copies a dimension the input "
                            + Shapes.str(x.shape) + " does not have (target " + Arrays.toString(spec) + ")");
                }
                d = x.shape[i];
            }
            if (d == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: more than one -1 in " + Arrays.toString(spec));
                }
                infer = i;
                continue;
            }
            if (d < 0) {
                throw new ShapeException("reshape: invalid dimension " + d + " in " + Arrays.toString(spec));
            }
            s[i] = (int) d;
            known *= d;
        }
        int n = x.size();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new ShapeException("reshape: cannot infer -1 reshaping " + Shapes.str(x.shape) + " to "
                        + Arrays.toString(spec));
            }
            s[infer] = (int) (n / known);
        } else if (known != n) {
            throw new ShapeException("reshape: " + Shapes.str(x.shape) + " (" + n + " elements) cannot become "
                    + Arrays.toString(spec));
        }
        return view(ops, x, s);
    }

    /** Same values, new shape (shares the array; the gradient passes through unchanged). */
    private static EagerTensor view(EagerOps ops, EagerTensor x, int[] s) {
        if (!x.isFloat()) {
            return EagerTensor.ofIds(x.ids, s);
        }
        return ops.result(x.data(), s, g -> {
            if (!x.adoptGrad(g)) {
                float[] gx = x.gradBuffer();
                for (int i = 0; i < g.length; i++) {
                    gx[i] += g[i];
                }
            }
        }, x);
    }

    static EagerTensor unsqueeze(EagerOps ops, EagerTensor x, int axis) {
        int a = Shapes.axis("unsqueeze", axis, x.rank() + 1);
        int[] s = new int[x.rank() + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : x.shape[j++];
        }
        return view(ops, x, s);
    }

    static EagerTensor squeeze(EagerOps ops, EagerTensor x, int axis) {
        int a = Shapes.axis("squeeze", axis, x.rank());
        if (x.shape[a] != 1) {
            throw new ShapeException("squeeze: axis " + axis + " of " + Shapes.str(x.shape) + " has size " + x.shape[a]);
        }
        int[] s = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != a) {
                s[j++] = x.shape[i];
            }
        }
        return view(ops, x, s);
    }

    static EagerTensor transpose(EagerOps ops, EagerTensor x, int[] perm) {
        int r = x.rank();
        boolean[] seen = new boolean[r];
        if (perm.length != r) {
            throw new ShapeException("transpose: permutation " + Arrays.toString(perm) + " does not fit " + Shapes.str(x.shape));
        }
        for (int p : perm) {
            if (p < 0 || p >= r || seen[p]) {
                throw new ShapeException("transpose: " + Arrays.toString(perm) + " is not a permutation of 0.." + (r - 1));
            }
            seen[p] = true;
        }
        int[] os = new int[r];
        for (int i = 0; i < r; i++) {
            os[i] = x.shape[perm[i]];
        }
        int[] xs = Shapes.strides(x.shape);
        int[] permStrides = new int[r];
        for (int i = 0; i < r; i++) {
            permStrides[i] = xs[perm[i]];
        }
        if (!x.isFloat()) {
            int[] map = Broadcast.walk(os, permStrides);
            long[] v = new long[map.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = x.ids[map[i]];
            }
            return EagerTensor.ofIds(v, os);
        }
        if (r == 0) {
            return view(ops, x, os);
        }
        // a view of the dense array underneath (x's own, or x's source when x is a view itself):
        // batched products read it in place, anything else copies it out on first use
        EagerTensor base = x.viewOf != null ? x.viewOf : x;
        int[] baseStrides = x.viewOf != null ? x.viewStrides : xs;
        int[] viewStrides = new int[r];
        for (int i = 0; i < r; i++) {
            viewStrides[i] = baseStrides[perm[i]];
        }
        EagerTensor out = EagerTensor.view(base, os, viewStrides);
        return ops.result(out, g -> {
            if (x.grad == null && x.requiresGrad && x.parameter == null) {
                // x's gradient is g read back through the inverse permutation: copy it into a
                // fresh array (rows of the last axis as plain copies when it stays in place)
                int[] gs = Shapes.strides(os);
                int[] inverse = new int[r];
                for (int i = 0; i < r; i++) {
                    inverse[perm[i]] = gs[i];
                }
                float[] gx = ops.gradScratch(g.length);
                Strided.gather(g, x.shape, inverse, gx);
                if (x.adoptGrad(gx)) {
                    return;
                }
                ops.recycle(gx);
            }
            Strided.scatterAdd(g, os, permStrides, x.gradBuffer());
        }, x);
    }

    static EagerTensor concat(EagerOps ops, int axis, Tensor[] xs) {
        if (xs.length == 0) {
            throw new ShapeException("concat: no tensors");
        }
        EagerTensor[] ts = new EagerTensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ts[i] = EagerOps.f(xs[i], "concat");
        }
        int r = ts[0].rank();
        int a = Shapes.axis("concat", axis, r);
        int[] os = ts[0].shape.clone();
        os[a] = 0;
        for (EagerTensor t : ts) {
            boolean ok = t.rank() == r;
            for (int d = 0; ok && d < r; d++) {
                ok = d == a || t.shape[d] == ts[0].shape[d];
            }
            if (!ok) {
                StringBuilder sb = new StringBuilder();
                for (EagerTensor u : ts) {
                    sb.append(Shapes.str(u.shape)).append(' ');
                }
                throw new ShapeException("concat on axis " + axis + ": shapes differ off that axis: " + sb.toString().trim());
            }
            os[a] += t.shape[a];
        }
        int outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= os[d];
        }
        int inner = Shapes.size(os) / Math.max(1, outer * os[a]);
        int nOuter = outer;
        int rowOut = os[a] * inner;
        float[] out = new float[Shapes.size(os)];
        int col = 0;
        int[] cols = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            cols[i] = col;
            int w = ts[i].shape[a] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(ts[i].data(), o * w, out, o * rowOut + col, w);
            }
            col += w;
        }
        return ops.result(out, os, g -> {
            for (int i = 0; i < ts.length; i++) {
                float[] gi = ts[i].gradBuffer();
                if (gi == null) {
                    continue;
                }
                int w = ts[i].shape[a] * inner;
                for (int o = 0; o < nOuter; o++) {
                    int src = o * rowOut + cols[i];
                    int dst = o * w;
                    for (int j = 0; j < w; j++) {
                        gi[dst + j] += g[src + j];
                    }
                }
            }
        }, ts);
    }

    /** ONNX Slice on one axis, step 1, with ONNX's clamping of start and end. */
    static EagerTensor slice(EagerOps ops, EagerTensor x, int axis, long start, long end) {
        int a = Shapes.axis("slice", axis, x.rank());
        long dim = x.shape[a];
        long s = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        s = Math.max(0, Math.min(dim, s));
        e = Math.max(0, Math.min(dim, e));
        int len = (int) Math.max(0, e - s);
        int[] os = x.shape.clone();
        os[a] = len;
        int outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= x.shape[d];
        }
        int inner = 1;
        for (int d = a + 1; d < x.rank(); d++) {
            inner *= x.shape[d];
        }
        int rowIn = (int) dim * inner;
        int w = len * inner;
        int from = (int) s * inner;
        int nOuter = outer;
        if (!x.isFloat()) {
            long[] v = new long[outer * w];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x.ids, o * rowIn + from, v, o * w, w);
            }
            return EagerTensor.ofIds(v, os);
        }
        float[] out = new float[outer * w];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data(), o * rowIn + from, out, o * w, w);
        }
        return ops.result(out, os, g -> {
            float[] gx = x.gradBuffer();
            for (int o = 0; o < nOuter; o++) {
                int base = o * rowIn + from;
                for (int j = 0; j < w; j++) {
                    gx[base + j] += g[o * w + j];
                }
            }
        }, x);
    }

    static EagerTensor expand(EagerOps ops, EagerTensor x, int[] like) {
        int[] os = Shapes.broadcast("expandAs", x.shape, like);
        if (!x.isFloat()) {
            int[] map = Broadcast.offsets(x.shape, os);
            long[] v = new long[map.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = x.ids[map[i]];
            }
            return EagerTensor.ofIds(v, os);
        }
        float[] out = Broadcast.expand(x.data(), x.shape, os);
        return ops.result(out, os, g -> Broadcast.reduceInto(g, os, x.gradBuffer(), x.shape), x);
    }

    /** ONNX Gather on axis 0; the backward scatters-adds rows (embedding gradients). */
    static EagerTensor gather(EagerOps ops, EagerTensor table, EagerTensor ids) {
        if (table.rank() < 1) {
            throw new ShapeException("gather: the table must have rank >= 1, got a scalar");
        }
        int rows = table.shape[0];
        int row = table.size() / Math.max(rows, 1);
        int[] os = new int[ids.rank() + table.rank() - 1];
        System.arraycopy(ids.shape, 0, os, 0, ids.rank());
        System.arraycopy(table.shape, 1, os, ids.rank(), table.rank() - 1);
        long[] idx = ids.ids;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= rows) {
                throw new ShapeException("gather: index " + idx[i] + " at position " + i + " is outside [0, " + rows
                        + ") for table " + Shapes.str(table.shape));
            }
        }
        if (!table.isFloat()) {
            long[] v = new long[idx.length * row];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(table.ids, (int) idx[i] * row, v, i * row, row);
            }
            return EagerTensor.ofIds(v, os);
        }
        float[] out = new float[idx.length * row];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(table.data(), (int) idx[i] * row, out, i * row, row);
        }
        return ops.result(out, os, g -> {
            float[] gt = table.gradBuffer();
            for (int i = 0; i < idx.length; i++) {
                int dst = (int) idx[i] * row;
                int src = i * row;
                for (int j = 0; j < row; j++) {
                    gt[dst + j] += g[src + j];
                }
            }
        }, table);
    }
}
