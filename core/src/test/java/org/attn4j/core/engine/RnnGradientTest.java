package org.attn4j.core.engine;

import org.attn4j.core.testing.GradCheck;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.Ops;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of the GRU and LSTM macro-ops' backpropagation through time, for
 * every input (x, h0, c0, W, R, B), uni- and bidirectional, with sequences of different
 * lengths, through a loss that uses y, hLast and cLast together.
 */
class RnnGradientTest {
    private static final GradCheck CHECK = GradCheck.standard();
    private static final int B = 3;
    private static final int T = 4;
    private static final int I = 3;
    private static final int H = 2;
    private static final long[] LENGTHS = {4, 2, 3};

    /** Which outputs the checked function returns, flattened and concatenated. */
    private enum Use {
        ALL, Y, H_LAST
    }

    @Test
    void gruUnidirectional() {
        checkGru("gru forward", 1, true, Use.ALL);
    }

    @Test
    void gruBidirectional() {
        checkGru("gru bidirectional", 2, true, Use.ALL);
    }

    @Test
    void gruWithoutInitialStateOrBias() {
        checkGru("gru bidirectional, h0 and B null", 2, false, Use.ALL);
    }

    @Test
    void gruThroughOneOutputOnly() {
        checkGru("gru bidirectional, y only", 2, true, Use.Y);
        checkGru("gru bidirectional, hLast only", 2, true, Use.H_LAST);
    }

    @Test
    void lstmUnidirectional() {
        checkLstm("lstm forward", 1, true, Use.ALL);
    }

    @Test
    void lstmBidirectional() {
        checkLstm("lstm bidirectional", 2, true, Use.ALL);
    }

    @Test
    void lstmWithoutInitialStatesOrBias() {
        checkLstm("lstm bidirectional, h0, c0 and B null", 2, false, Use.ALL);
    }

    @Test
    void lstmThroughOneOutputOnly() {
        checkLstm("lstm forward, hLast only", 1, true, Use.H_LAST);
    }

    private static void checkGru(String what, int dirs, boolean full, Use use) {
        List<float[]> values = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        add(values, shapes, 1, B, T, I);
        add(values, shapes, 2, dirs, 3 * H, I);
        add(values, shapes, 3, dirs, 3 * H, H);
        if (full) {
            add(values, shapes, 4, dirs, 6 * H);
            add(values, shapes, 5, dirs, B, H);
        }
        CHECK.check(what, (ops, in) -> {
            Tensor b = full ? in.get(3) : null;
            Tensor h0 = full ? in.get(4) : null;
            RnnOutput out = ops.gru(in.get(0), lengths(ops), h0, in.get(1), in.get(2), b);
            return flatten(ops, out, use);
        }, values, shapes);
    }

    private static void checkLstm(String what, int dirs, boolean full, Use use) {
        List<float[]> values = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        add(values, shapes, 11, B, T, I);
        add(values, shapes, 12, dirs, 4 * H, I);
        add(values, shapes, 13, dirs, 4 * H, H);
        if (full) {
            add(values, shapes, 14, dirs, 8 * H);
            add(values, shapes, 15, dirs, B, H);
            add(values, shapes, 16, dirs, B, H);
        }
        CHECK.check(what, (ops, in) -> {
            Tensor b = full ? in.get(3) : null;
            Tensor h0 = full ? in.get(4) : null;
            Tensor c0 = full ? in.get(5) : null;
            RnnOutput out = ops.lstm(in.get(0), lengths(ops), h0, c0, in.get(1), in.get(2), b);
            return flatten(ops, out, use);
        }, values, shapes);
    }

    private static Tensor flatten(Ops ops, RnnOutput out, Use use) {
        return switch (use) {
            case Y -> ops.reshape(out.y(), -1);
            case H_LAST -> ops.reshape(out.hLast(), -1);
            case ALL -> out.cLast() == null
                    ? ops.concat(0, ops.reshape(out.y(), -1), ops.reshape(out.hLast(), -1))
                    : ops.concat(0, ops.reshape(out.y(), -1), ops.reshape(out.hLast(), -1),
                            ops.reshape(out.cLast(), -1));
        };
    }

    private static Tensor lengths(Ops ops) {
        return ops.constantIds(LENGTHS, B);
    }

    private static void add(List<float[]> values, List<int[]> shapes, long seed, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        values.add(GradCheck.random(seed, n));
        shapes.add(shape);
    }
}
