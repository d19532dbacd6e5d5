package org.attn4j.onnx;

import static org.attn4j.onnx.OnnxGraph.attr;

import java.util.Arrays;
import java.util.List;
import org.attn4j.api.DType;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;

/**
 * {@code Ops.crossEntropy} as a graph: training-only, so exported models never contain it, but
 * the graph builder can express every op of {@code Ops}.
 */
final class LossNodes {
    private LossNodes() {
    }

    /**
     * The mean over targets not equal to {@code ignoreIndex} of {@code (1-eps) * -log p[target]
     * + eps * mean_v(-log p[v])}; 0 when every target is ignored (the count is clamped to 1).
     * Ignored targets are replaced by 0 before {@code GatherElements} so that any id is safe.
     */
    static Tensor crossEntropy(GraphOps ops, GraphTensor z, GraphTensor y, int ignoreIndex, float labelSmoothing) {
        OnnxGraph g = ops.graph();
        int[] rows = Arrays.copyOf(z.shape(), z.rank() - 1);
        if (y.rank() != rows.length) {
            throw new ShapeException("crossEntropy: targets " + ShapeException.str(y.shape()) + " do not fit logits "
                    + ShapeException.str(z.shape()));
        }
        GraphTensor ignored = ops.node("Equal", DType.INT64, rows, List.of(y, g.ids(new long[] {ignoreIndex}, new int[0])));
        GraphTensor safe = ops.node("Where", DType.INT64, rows, List.of(ignored, g.ids(new long[] {0}, new int[0]), y));
        Tensor logp = ops.logSoftmax(z, -1);
        int[] picked = Arrays.copyOf(rows, rows.length + 1);
        picked[rows.length] = 1;
        Tensor target = ops.squeeze(ops.node("GatherElements", DType.FLOAT32, picked,
                List.of((GraphTensor) logp, (GraphTensor) ops.unsqueeze(safe, -1)), attr("axis", -1)), -1);
        Tensor per = ops.add(ops.scale(ops.neg(target), 1 - labelSmoothing),
                ops.scale(ops.neg(ops.mean(logp, false, -1)), labelSmoothing));
        GraphTensor valid = ops.cast(ops.node("Not", DType.INT64, rows, List.of(ignored)), DType.FLOAT32);
        int[] all = new int[rows.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        GraphTensor count = (GraphTensor) ops.sum(valid, false, all);
        GraphTensor denominator = ops.node("Max", DType.FLOAT32, new int[0], List.of(count, ops.floatScalar(1f)));
        return ops.div(ops.sum(ops.mul(per, valid), false, all), denominator);
    }
}
