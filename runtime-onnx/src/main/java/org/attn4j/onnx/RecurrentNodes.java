package org.attn4j.onnx;

import static org.attn4j.onnx.OnnxGraph.attr;

import java.util.Arrays;
import java.util.List;
import org.attn4j.api.DType;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.ShapeException;

/**
 * {@code Ops.gru} and {@code Ops.lstm} as one ONNX {@code GRU} / {@code LSTM} node, never unrolled.
 * The weights are already in ONNX's layout 0 ({@code W [dirs, G*H, I]}, {@code R [dirs, G*H, H]},
 * {@code B [dirs, 2*G*H]}, gates z r h / i o f c) and the eager cells follow ONNX's equations
 * (GRU with {@code linear_before_reset = 1}), so parameters pass through unchanged. Only the
 * time-major layout needs transposes: {@code x [B, T, I]} becomes {@code X [T, B, I]}, and
 * {@code Y [T, dirs, B, H]} becomes {@code y [B, T, dirs, H]}; lengths are cast to the INT32
 * that {@code sequence_lens} requires.
 */
final class RecurrentNodes {
    private RecurrentNodes() {
    }

    static RnnOutput emit(GraphOps ops, boolean lstm, GraphTensor x, GraphTensor lengths, GraphTensor h0, GraphTensor c0,
            GraphTensor w, GraphTensor r, GraphTensor b) {
        String op = lstm ? "lstm" : "gru";
        int gates = lstm ? 4 : 3;
        if (x.rank() != 3 || w.rank() != 3 || r.rank() != 3) {
            throw new ShapeException(op + ": expected x [B, T, I], w [dirs, G*H, I], r [dirs, G*H, H]; got x "
                    + ShapeException.str(x.shape()) + ", w " + ShapeException.str(w.shape()) + ", r "
                    + ShapeException.str(r.shape()));
        }
        int dirs = w.dim(0);
        int hidden = r.dim(2);
        if (dirs < 1 || dirs > 2 || w.dim(1) != gates * hidden || r.dim(1) != gates * hidden || r.dim(0) != dirs
                || StaticShapes.differ(w.dim(2), x.dim(2))) {
            throw new ShapeException(op + ": weights w " + ShapeException.str(w.shape()) + " and r "
                    + ShapeException.str(r.shape()) + " do not fit x " + ShapeException.str(x.shape()) + " with "
                    + gates + " gates");
        }
        if (b != null && (b.rank() != 2 || b.dim(0) != dirs || b.dim(1) != 2 * gates * hidden)) {
            throw new ShapeException(op + ": b has shape " + ShapeException.str(b.shape()) + ", expected ["
                    + dirs + ", " + 2 * gates * hidden + "]");
        }
        int batch = x.dim(0);
        int steps = x.dim(1);
        OnnxGraph g = ops.graph();
        GraphTensor xt = g.node("Transpose", List.of(x), DType.FLOAT32, new int[] {steps, batch, x.dim(2)},
                attr("perm", new int[] {1, 0, 2}));
        GraphTensor lens = lengths == null ? null
                : g.node("Cast", List.of(lengths), DType.INT64, lengths.shape(),
                        attr("to", ai.onnx.proto.OnnxMl.TensorProto.DataType.INT32_VALUE));
        List<GraphTensor> inputs = lstm ? Arrays.asList(xt, w, r, b, lens, h0, c0)
                : Arrays.asList(xt, w, r, b, lens, h0);
        int[] yShape = {steps, dirs, batch, hidden};
        int[] last = {dirs, batch, hidden};
        String direction = dirs == 2 ? "bidirectional" : "forward";
        GraphTensor[] out;
        if (lstm) {
            out = g.nodeN("LSTM", inputs, new DType[] {DType.FLOAT32, DType.FLOAT32, DType.FLOAT32},
                    new int[][] {yShape, last, last}, attr("hidden_size", hidden), attr("direction", direction));
        } else {
            out = g.nodeN("GRU", inputs, new DType[] {DType.FLOAT32, DType.FLOAT32}, new int[][] {yShape, last},
                    attr("hidden_size", hidden), attr("direction", direction), attr("linear_before_reset", 1));
        }
        GraphTensor y = g.node("Transpose", List.of(out[0]), DType.FLOAT32, new int[] {batch, steps, dirs, hidden},
                attr("perm", new int[] {2, 0, 1, 3}));
        return new RnnOutput(y, out[1], lstm ? out[2] : null);
    }
}
