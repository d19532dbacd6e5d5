package org.attn4j.onnx;

import static org.attn4j.onnx.OnnxGraph.attr;

import java.util.Arrays;
import java.util.List;
import org.attn4j.api.DType;
import org.attn4j.api.ShapeException;

/**
 * The shape ops of {@link GraphOps} that need more than one line of static shape logic:
 * {@code Reshape}, {@code Transpose}, {@code Concat}, {@code Slice}. Each checks what is known
 * statically and computes the output's static shape, {@code -1} where only the run time knows.
 */
final class ShapeNodes {
    private ShapeNodes() {
    }

    private static GraphTensor node(OnnxGraph g, String op, DType out, int[] shape, List<GraphTensor> in,
            OnnxGraph.Attr... attrs) {
        return g.node(op, in, out, shape, attrs);
    }

    private static GraphTensor axes(OnnxGraph g, int axis) {
        return g.ids(new long[] {axis}, new int[] {1});
    }

    /**
     * ONNX's 0/-1 rules on static shapes: a 0 copies the input's dimension (dynamic or not); the
     * -1 is inferred when the input dimensions that are not copied are all known.
     */
    static GraphTensor reshape(OnnxGraph g, GraphTensor e, long... shape) {
        int[] in = e.shape();
        int[] out = new int[shape.length];
        boolean[] copied = new boolean[in.length];
        int infer = -1;
        long explicit = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = shape[i];
            if (d == 0) {
                if (i >= in.length) {
                    throw new ShapeException("reshape: 0 at index " + i + " copies a dimension the input "
                            + ShapeException.str(in) + " does not have (target " + Arrays.toString(shape) + ")");
                }
                out[i] = in[i];
                copied[i] = true;
            } else if (d == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: more than one -1 in " + Arrays.toString(shape));
                }
                infer = i;
            } else if (d < 0) {
                throw new ShapeException("reshape: invalid dimension " + d + " in " + Arrays.toString(shape));
            } else {
                out[i] = (int) d;
                explicit *= d;
            }
        }
        long rest = 1;
        for (int i = 0; i < in.length && rest >= 0; i++) {
            if (!copied[i]) {
                rest = in[i] < 0 ? -1 : rest * in[i];
            }
        }
        if (rest >= 0 && (infer >= 0 ? explicit == 0 || rest % explicit != 0 : rest != explicit)) {
            throw new ShapeException("reshape: cannot reshape " + ShapeException.str(in) + " to " + Arrays.toString(shape));
        }
        if (infer >= 0) {
            out[infer] = rest >= 0 ? (int) (rest / explicit) : -1;
        }
        return node(g, "Reshape", e.dtype(), out, List.of(e, g.ids(shape.clone(), new int[] {shape.length})));
    }

    static GraphTensor transpose(OnnxGraph g, GraphTensor e, int... perm) {
        int r = e.rank();
        boolean[] seen = new boolean[r];
        if (perm.length != r) {
            throw new ShapeException("transpose: permutation " + Arrays.toString(perm) + " does not fit "
                    + ShapeException.str(e.shape()));
        }
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int p = perm[i];
            if (p < 0 || p >= r || seen[p]) {
                throw new ShapeException("transpose: " + Arrays.toString(perm) + " is not a permutation of 0.." + (r - 1));
            }
            seen[p] = true;
            out[i] = e.dim(p);
        }
        return node(g, "Transpose", e.dtype(), out, List.of(e), attr("perm", perm.clone()));
    }

    static GraphTensor concat(OnnxGraph g, int axis, GraphTensor... in) {
        GraphTensor first = in[0];
        int a = StaticShapes.axis("concat", axis, first.rank());
        int[] out = first.shape();
        for (int k = 0; k < in.length; k++) {
            if (in[k].rank() != first.rank() || in[k].dtype() != first.dtype()) {
                throw new ShapeException("concat: " + in[k] + " does not match " + first);
            }
            if (k == 0) {
                continue;
            }
            for (int d = 0; d < out.length; d++) {
                int v = in[k].dim(d);
                if (d == a) {
                    out[d] = out[d] < 0 || v < 0 ? -1 : out[d] + v;
                } else if (StaticShapes.differ(out[d], v)) {
                    throw new ShapeException("concat along axis " + axis + ": shapes differ on axis " + d + ": "
                            + ShapeException.str(first.shape()) + " and " + ShapeException.str(in[k].shape()));
                } else if (out[d] < 0) {
                    out[d] = v;
                }
            }
        }
        return node(g, "Concat", first.dtype(), out, List.of(in), attr("axis", a));
    }

    static GraphTensor slice(OnnxGraph g, GraphTensor e, int axis, long start, long end) {
        int a = StaticShapes.axis("slice", axis, e.rank());
        int[] out = e.shape();
        long dim = out[a];
        if (dim >= 0) {
            long s = Math.max(0, Math.min(dim, start < 0 ? start + dim : start));
            long en = Math.max(0, Math.min(dim, end < 0 ? end + dim : end));
            out[a] = (int) Math.max(0, en - s);
        } else {
            out[a] = -1;
        }
        return node(g, "Slice", e.dtype(), out, List.of(e, g.ids(new long[] {start}, new int[] {1}),
                g.ids(new long[] {end}, new int[] {1}), axes(g, a)));
    }
}
