package org.attn4j.core.engine;

import org.attn4j.core.testing.GradCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Semantics of the GRU and LSTM macro-ops (lengths, directions, outputs) and their error messages. */
class RnnOpsTest {
    private static final int B = 3;
    private static final int T = 5;
    private static final int I = 4;
    private static final int H = 3;
    private static final long[] LENGTHS = {5, 2, 3};
    /** Batches of different sizes may sum the GEMM's products in another order. */
    private static final Offset<Float> EPS = within(1e-6f);

    private final EagerOps ops = new EagerOps(new SplittableRandom(0));

    private Tensor c(long seed, int... shape) {
        return ops.constant(GradCheck.random(seed, size(shape)), shape);
    }

    private Tensor lengths(long... v) {
        return ops.constantIds(v, v.length);
    }

    private RnnOutput gru(int dirs, Tensor x, long... len) {
        return ops.gru(x, lengths(len), c(2, dirs, B, H), c(3, dirs, 3 * H, I), c(4, dirs, 3 * H, H), c(5, dirs, 6 * H));
    }

    private RnnOutput lstm(int dirs, Tensor x, long... len) {
        return ops.lstm(x, lengths(len), c(2, dirs, B, H), c(6, dirs, B, H), c(3, dirs, 4 * H, I),
                c(4, dirs, 4 * H, H), c(5, dirs, 8 * H));
    }

    @Test
    void outputsAreZeroPastEachLengthAndFinalStatesAreTheLastRealSteps() {
        for (RnnOutput out : new RnnOutput[] {gru(2, c(1, B, T, I), LENGTHS), lstm(2, c(1, B, T, I), LENGTHS)}) {
            float[] y = f(out.y());
            float[] hLast = f(out.hLast());
            assertThat(out.y().shape()).containsExactly(B, T, 2, H);
            assertThat(out.hLast().shape()).containsExactly(2, B, H);
            for (int b = 0; b < B; b++) {
                int len = (int) LENGTHS[b];
                for (int t = len; t < T; t++) {
                    assertThat(Arrays.copyOfRange(y, (b * T + t) * 2 * H, (b * T + t + 1) * 2 * H)).containsOnly(0f);
                }
                // forward ends at t = len - 1, reverse at t = 0
                assertThat(slice(y, ((b * T + len - 1) * 2) * H)).containsExactly(slice(hLast, b * H));
                assertThat(slice(y, (b * T * 2 + 1) * H)).containsExactly(slice(hLast, (B + b) * H));
                assertThat(slice(y, (b * T * 2 + 1) * H)).doesNotContain(0f);
            }
        }
    }

    @Test
    void paddingIsNeverRead() {
        Tensor x = c(1, B, T, I);
        float[] noisy = f(x).clone();
        for (int b = 0; b < B; b++) {
            for (int k = (int) LENGTHS[b] * I; k < T * I; k++) {
                noisy[b * T * I + k] = 1000f;
            }
        }
        Tensor xn = ops.constant(noisy, B, T, I);
        RnnOutput g1 = gru(2, x, LENGTHS);
        RnnOutput g2 = gru(2, xn, LENGTHS);
        assertThat(f(g2.y())).containsExactly(f(g1.y()));
        assertThat(f(g2.hLast())).containsExactly(f(g1.hLast()));
        RnnOutput l1 = lstm(2, x, LENGTHS);
        RnnOutput l2 = lstm(2, xn, LENGTHS);
        assertThat(f(l2.y())).containsExactly(f(l1.y()));
        assertThat(f(l2.cLast())).containsExactly(f(l1.cLast()));
    }

    @Test
    void reverseDirectionIsTheForwardCellOnEachSequenceReversedWithinItsLength() {
        // Run a one-sequence forward GRU/LSTM with the reverse weights on x[b, len-1 .. 0].
        float[] x = f(c(1, B, T, I));
        RnnOutput bi = gru(2, ops.constant(x, B, T, I), LENGTHS);
        RnnOutput biL = lstm(2, ops.constant(x, B, T, I), LENGTHS);
        for (int b = 0; b < B; b++) {
            int len = (int) LENGTHS[b];
            float[] rev = new float[len * I];
            for (int t = 0; t < len; t++) {
                System.arraycopy(x, (b * T + t) * I, rev, (len - 1 - t) * I, I);
            }
            Tensor xr = ops.constant(rev, 1, len, I);
            Tensor h0 = ops.constant(slice(f(c(2, 2, B, H)), (B + b) * H), 1, 1, H);
            Tensor c0 = ops.constant(slice(f(c(6, 2, B, H)), (B + b) * H), 1, 1, H);
            RnnOutput uni = ops.gru(xr, lengths(len), h0, second(c(3, 2, 3 * H, I)), second(c(4, 2, 3 * H, H)),
                    second(c(5, 2, 6 * H)));
            RnnOutput uniL = ops.lstm(xr, lengths(len), h0, c0, second(c(3, 2, 4 * H, I)), second(c(4, 2, 4 * H, H)),
                    second(c(5, 2, 8 * H)));
            for (int t = 0; t < len; t++) {
                int yo = ((b * T + t) * 2 + 1) * H;
                assertThat(slice(f(bi.y()), yo)).containsExactly(slice(f(uni.y()), (len - 1 - t) * H), EPS);
                assertThat(slice(f(biL.y()), yo)).containsExactly(slice(f(uniL.y()), (len - 1 - t) * H), EPS);
            }
            assertThat(slice(f(biL.cLast()), (B + b) * H)).containsExactly(f(uniL.cLast()), EPS);
        }
    }

    @Test
    void gruHasNoCellStateAndRecordsNothingWithoutGradients() {
        assertThat(gru(1, c(1, B, T, I), LENGTHS).cLast()).isNull();
        EagerTensor x = ops.variable(GradCheck.random(1, B * T * I), B, T, I);
        try (var scope = ops.noGrad()) {
            lstm(1, x, LENGTHS);
        }
        assertThat(ops.tapeSize()).isZero();
        lstm(1, x, LENGTHS);
        assertThat(ops.tapeSize()).isEqualTo(4); // the packed result and its three views
    }

    @Test
    void lengthsOutsideOneToTNameTheRow() {
        Tensor x = c(1, B, T, I);
        assertThatThrownBy(() -> gru(1, x, 5, 0, 3)).isInstanceOf(ShapeException.class)
                .hasMessage("gru: lengths[1] = 0 is outside 1..5 (T of x [3, 5, 4])");
        assertThatThrownBy(() -> lstm(1, x, 5, 2, 6)).isInstanceOf(ShapeException.class)
                .hasMessage("lstm: lengths[2] = 6 is outside 1..5 (T of x [3, 5, 4])");
        assertThatThrownBy(() -> gru(1, x, 5, 2)).isInstanceOf(ShapeException.class)
                .hasMessage("gru: lengths must be [B] = [3] for x [3, 5, 4], got [2]");
        assertThatThrownBy(() -> ops.gru(x, ops.constant(new float[] {5, 2, 3}, 3), null, c(3, 1, 3 * H, I),
                c(4, 1, 3 * H, H), null)).isInstanceOf(ShapeException.class)
                .hasMessage("gru: expected INT64 ids, got FLOAT32 tensor of shape [3]");
    }

    @Test
    void weightsThatDoNotFitAreNamed() {
        Tensor x = c(1, B, T, I);
        Tensor len = lengths(LENGTHS);
        assertThatThrownBy(() -> ops.gru(x, len, null, c(3, 1, 3 * H, I + 1), c(4, 1, 3 * H, H), null))
                .isInstanceOf(ShapeException.class)
                .hasMessage("gru: W [1, 9, 5] does not fit x [3, 5, 4]: expected [dirs, 3*H, 4] with H > 0");
        assertThatThrownBy(() -> ops.lstm(x, len, null, null, c(3, 1, 9, I), c(4, 1, 9, H), null))
                .isInstanceOf(ShapeException.class)
                .hasMessage("lstm: W [1, 9, 4] does not fit x [3, 5, 4]: expected [dirs, 4*H, 4] with H > 0");
        assertThatThrownBy(() -> ops.gru(x, len, null, c(3, 3, 3 * H, I), c(4, 3, 3 * H, H), null))
                .isInstanceOf(ShapeException.class)
                .hasMessage("gru: W must be [dirs, 3*H, I] with dirs 1 (forward) or 2 (bidirectional), got [3, 9, 4]");
        assertThatThrownBy(() -> ops.gru(x, len, null, c(3, 1, 3 * H, I), c(4, 1, 3 * H, H + 1), null))
                .isInstanceOf(ShapeException.class)
                .hasMessage("gru: R must be [dirs, 3*H, H] = [1, 9, 3] for this x and W, got [1, 9, 4]");
        assertThatThrownBy(() -> ops.lstm(x, len, null, null, c(3, 2, 4 * H, I), c(4, 2, 4 * H, H), c(5, 2, 4 * H)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("lstm: B must be [dirs, 8*H] = [2, 24] for this x and W, got [2, 12]");
        assertThatThrownBy(() -> ops.gru(c(1, B * T, I), len, null, c(3, 1, 3 * H, I), c(4, 1, 3 * H, H), null))
                .isInstanceOf(ShapeException.class).hasMessage("gru: x must be [B, T, I], got [15, 4]");
    }

    @Test
    void initialStatesThatDoNotFitAreNamed() {
        Tensor x = c(1, B, T, I);
        Tensor len = lengths(LENGTHS);
        assertThatThrownBy(() -> ops.gru(x, len, c(2, 1, B, H), c(3, 2, 3 * H, I), c(4, 2, 3 * H, H), null))
                .isInstanceOf(ShapeException.class)
                .hasMessage("gru: h0 must be [dirs, B, H] = [2, 3, 3] for this x and W, got [1, 3, 3]");
        assertThatThrownBy(() -> ops.lstm(x, len, null, c(2, 1, B + 1, H), c(3, 1, 4 * H, I), c(4, 1, 4 * H, H), null))
                .isInstanceOf(ShapeException.class)
                .hasMessage("lstm: c0 must be [dirs, B, H] = [1, 3, 3] for this x and W, got [1, 4, 3]");
    }

    private Tensor second(Tensor t) {
        return ops.slice(t, 0, 1, 2);
    }

    private static float[] slice(float[] v, int from) {
        return Arrays.copyOfRange(v, from, from + H);
    }

    private static float[] f(Tensor t) {
        return ((EagerTensor) t).floats();
    }

    private static int size(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
