package org.attn4j.rnn;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.Init;

/**
 * One GRU or LSTM layer over a whole sequence, as a single op ({@link Ops#gru}, {@link Ops#lstm}),
 * so the eager engine runs it with fused backpropagation through time and the ONNX exporter maps
 * it onto ONNX's own operator.
 *
 * <p>Parameters in ONNX layout 0 (G gates, H hidden, I input, dirs 1 or 2): {@code W [dirs, G*H, I]},
 * {@code R [dirs, G*H, H]}, {@code B [dirs, 2*G*H]}, initialised uniform in ±1/sqrt(H) like
 * PyTorch. Shapes: x {@code [B, T, I]}, lengths INT64 {@code [B]} or null, h0/c0 {@code [dirs, B, H]}
 * or null; outputs as {@link RnnOutput}.
 */
public final class RecurrentLayer extends Module {
    private final Cell cell;
    private final int hidden;
    private final int dirs;
    private final Parameter w;
    private final Parameter r;
    private final Parameter b;

    public RecurrentLayer(Cell cell, int input, int hidden, boolean bidirectional, RandomGenerator rng) {
        this.cell = cell;
        this.hidden = hidden;
        this.dirs = bidirectional ? 2 : 1;
        float bound = (float) (1 / Math.sqrt(hidden));
        int g = cell.gates * hidden;
        w = addParameter("W", Init.uniform(new Parameter(dirs, g, input), bound, rng));
        r = addParameter("R", Init.uniform(new Parameter(dirs, g, hidden), bound, rng));
        b = addParameter("B", Init.uniform(new Parameter(dirs, 2 * g), bound, rng));
    }

    public RnnOutput forward(Ops ops, Tensor x, Tensor lengths, Tensor h0, Tensor c0) {
        return cell == Cell.GRU ? ops.gru(x, lengths, h0, ops.param(w), ops.param(r), ops.param(b))
                : ops.lstm(x, lengths, h0, c0, ops.param(w), ops.param(r), ops.param(b));
    }

    public Cell cell() {
        return cell;
    }

    public int hidden() {
        return hidden;
    }

    public int directions() {
        return dirs;
    }
}
