package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Shapes;

/**
 * The validated geometry of one recurrent op: batch B, time T, input size I, hidden size H,
 * the number of directions, each sequence's length and the number of steps (the longest
 * length).
 *
 * <p>Step s of a direction processes, for each sequence b with {@code s < lengths[b]}, time
 * {@code s} (forward) or {@code lengths[b] - 1 - s} (reverse); sequences that have ended are
 * left out, so their state stays frozen at its final value.
 */
record RnnDims(int batch, int time, int input, int hidden, int dirs, int[] lengths, int steps) {

    /** Time index processed at step {@code s} by sequence {@code b} in direction {@code dir}. */
    int timeAt(int b, int s, int dir) {
        return dir == 0 ? s : lengths[b] - 1 - s;
    }

    /** Offset of {@code y[b, t, dir, 0]} in the {@code [B, T, dirs, H]} output. */
    int yOffset(int b, int t, int dir) {
        return ((b * time + t) * dirs + dir) * hidden;
    }

    /**
     * Checks the arguments of a GRU ({@code gates = 3}) or LSTM ({@code gates = 4}) and returns
     * their geometry. {@code b}, {@code h0} and {@code c0} may be null.
     */
    static RnnDims check(String op, int gates, EagerTensor x, EagerTensor lengths, EagerTensor h0, EagerTensor c0,
            EagerTensor w, EagerTensor r, EagerTensor b) {
        if (x.rank() != 3) {
            throw new ShapeException(op + ": x must be [B, T, I], got " + Shapes.str(x.shape));
        }
        int batch = x.shape[0];
        int time = x.shape[1];
        int input = x.shape[2];
        String gH = gates + "*H";
        if (w.rank() != 3 || (w.shape[0] != 1 && w.shape[0] != 2)) {
            throw new ShapeException(op + ": W must be [dirs, " + gH + ", I] with dirs 1 (forward) or 2"
                    + " (bidirectional), got " + Shapes.str(w.shape));
        }
        int dirs = w.shape[0];
        if (w.shape[1] == 0 || w.shape[1] % gates != 0 || w.shape[2] != input) {
            throw new ShapeException(op + ": W " + Shapes.str(w.shape) + " does not fit x " + Shapes.str(x.shape)
                    + ": expected [dirs, " + gH + ", " + input + "] with H > 0");
        }
        int hidden = w.shape[1] / gates;
        expect(op, "R", "[dirs, " + gH + ", H]", r, dirs, gates * hidden, hidden);
        if (b != null) {
            expect(op, "B", "[dirs, " + 2 * gates + "*H]", b, dirs, 2 * gates * hidden);
        }
        if (h0 != null) {
            expect(op, "h0", "[dirs, B, H]", h0, dirs, batch, hidden);
        }
        if (c0 != null) {
            expect(op, "c0", "[dirs, B, H]", c0, dirs, batch, hidden);
        }
        if (lengths == null) {
            int[] full = new int[batch];
            java.util.Arrays.fill(full, time);
            return new RnnDims(batch, time, input, hidden, dirs, full, time);
        }
        if (lengths.rank() != 1 || lengths.shape[0] != batch) {
            throw new ShapeException(op + ": lengths must be [B] = [" + batch + "] for x " + Shapes.str(x.shape)
                    + ", got " + Shapes.str(lengths.shape));
        }
        int[] len = new int[batch];
        int steps = 0;
        for (int i = 0; i < batch; i++) {
            long l = lengths.ids[i];
            if (l < 1 || l > time) {
                throw new ShapeException(op + ": lengths[" + i + "] = " + l + " is outside 1.." + time
                        + " (T of x " + Shapes.str(x.shape) + ")");
            }
            len[i] = (int) l;
            steps = Math.max(steps, len[i]);
        }
        return new RnnDims(batch, time, input, hidden, dirs, len, steps);
    }

    private static void expect(String op, String name, String layout, EagerTensor t, int... shape) {
        if (!Arrays.equals(t.shape, shape)) {
            throw new ShapeException(op + ": " + name + " must be " + layout + " = " + Shapes.str(shape)
                    + " for this x and W, got " + Shapes.str(t.shape));
        }
    }
}
