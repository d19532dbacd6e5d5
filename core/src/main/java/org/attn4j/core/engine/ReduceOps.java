package org.attn4j.core.engine;

import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Shapes;

/** Sum and mean over axes: the reduction is the adjoint of broadcasting, and its backward a broadcast. */
final class ReduceOps {
    private ReduceOps() {
    }

    static EagerTensor sum(EagerOps ops, EagerTensor x, boolean keepDims, int[] axes, boolean mean) {
        String op = mean ? "mean" : "sum";
        int r = x.rank();
        boolean[] reduced = new boolean[r];
        if (axes.length == 0) {
            java.util.Arrays.fill(reduced, true);
        }
        for (int a : axes) {
            int n = Shapes.axis(op, a, r);
            if (reduced[n]) {
                throw new ShapeException(op + ": axis " + a + " given twice");
            }
            reduced[n] = true;
        }
        int[] kept = x.shape.clone();
        int count = 1;
        int outRank = 0;
        for (int d = 0; d < r; d++) {
            if (reduced[d]) {
                count *= kept[d];
                kept[d] = 1;
            } else {
                outRank++;
            }
        }
        int[] os = keepDims ? kept : new int[outRank];
        if (!keepDims) {
            for (int d = 0, j = 0; d < r; d++) {
                if (!reduced[d]) {
                    os[j++] = x.shape[d];
                }
            }
        }
        float[] out = new float[Shapes.size(kept)];
        Broadcast.reduceInto(x.data(), x.shape, out, kept);
        float factor = mean ? 1f / Math.max(count, 1) : 1f;
        if (mean) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= factor;
            }
        }
        return ops.result(out, os, g -> {
            float[] gx = x.gradBuffer();
            int[] map = Broadcast.offsets(kept, x.shape);
            for (int i = 0; i < gx.length; i++) {
                gx[i] += g[map[i]] * factor;
            }
        }, x);
    }
}
