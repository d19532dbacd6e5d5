package org.attn4j.core.engine;

import org.attn4j.core.internal.array.FastMath;
import java.util.Arrays;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;

/**
 * One direction of an ONNX LSTM (gates i, o, f, c; no peepholes) over a batch of sequences,
 * forward and backward through time, on flat row-major arrays.
 *
 * <p>Forward, per direction: the input projection of every step at once,
 * {@code P = x W^T + Wb + Rb} ({@code [B*T, 4H]}, one GEMM), then per step one GEMM
 * {@code h R^T} and the cell arithmetic for the sequences still running. The projection array
 * is overwritten in place with the activated gates i, o, f, g; the previous cell state, the
 * previous hidden state and {@code tanh(c')} are kept for the backward pass.
 *
 * <p>Backward: with {@code dC = dc + dh * o * (1 - tanh(c')^2)}, the pre-activation gradients
 * are {@code di' = dC g i(1-i)}, {@code do' = dh tanh(c') o(1-o)}, {@code df' = dC c f(1-f)},
 * {@code dg' = dC i (1-g^2)}; the cell gradient carried back is {@code dC f} and the hidden
 * one {@code dG R} (one GEMM per step). Unlike the GRU the same {@code dG} serves x, W, h and
 * R, so the weight gradients are one GEMM each over all steps.
 */
final class LstmKernel {
    private LstmKernel() {
    }

    /**
     * What the backward pass needs of one direction, in rows of {@code B*T} indexed by
     * (sequence b, time t): activated gates {@code [B*T, 4H]}, the hidden and cell states
     * before the step and {@code tanh} of the cell state after it ({@code [B*T, H]} each).
     * Rows of padding positions are never read.
     */
    record Saved(float[] gates, float[] hPrev, float[] cPrev, float[] tanhC) {
    }

    /**
     * Runs direction {@code dir}: writes its slice of {@code y} (at offset 0 of {@code out},
     * {@code [B, T, dirs, H]}) and its final states at {@code out[hLastOff + dir*B*H ...]} and
     * {@code out[cLastOff + dir*B*H ...]}. {@code b}, {@code h0} and {@code c0} may be null.
     */
    static Saved forward(RnnDims dm, int dir, float[] x, float[] w, float[] r, float[] b, float[] h0, float[] c0,
            float[] out, int hLastOff, int cLastOff) {
        int nb = dm.batch();
        int h = dm.hidden();
        int g = 4 * h;
        int rows = nb * dm.time();
        Gemm gemm = Kernels.gemm();
        float[] gates = new float[rows * g];
        if (b != null) {
            int bo = dir * 2 * g;
            for (int row = 0; row < rows; row++) {
                int o = row * g;
                for (int j = 0; j < g; j++) {
                    gates[o + j] = b[bo + j] + b[bo + g + j];
                }
            }
        }
        gemm.sgemm(false, true, rows, g, dm.input(), 1f, x, 0, dm.input(), w, dir * g * dm.input(), dm.input(),
                b != null ? 1f : 0f, gates, 0, g);
        float[] hPrev = new float[rows * h];
        float[] cPrev = new float[rows * h];
        float[] tanhC = new float[rows * h];
        float[] hs = new float[nb * h];
        float[] cs = new float[nb * h];
        if (h0 != null) {
            System.arraycopy(h0, dir * nb * h, hs, 0, nb * h);
        }
        if (c0 != null) {
            System.arraycopy(c0, dir * nb * h, cs, 0, nb * h);
        }
        float[] rec = new float[nb * g];
        for (int s = 0; s < dm.steps(); s++) {
            gemm.sgemm(false, true, nb, g, h, 1f, hs, 0, h, r, dir * g * h, h, 0f, rec, 0, g);
            for (int q = 0; q < nb; q++) {
                if (s >= dm.lengths()[q]) {
                    continue;
                }
                int t = dm.timeAt(q, s, dir);
                int row = q * dm.time() + t;
                int go = row * g;
                int so = row * h;
                int ro = q * g;
                int ho = q * h;
                int yo = dm.yOffset(q, t, dir);
                for (int j = 0; j < h; j++) {
                    float i = GruKernel.sigmoid(gates[go + j] + rec[ro + j]);
                    float o = GruKernel.sigmoid(gates[go + h + j] + rec[ro + h + j]);
                    float f = GruKernel.sigmoid(gates[go + 2 * h + j] + rec[ro + 2 * h + j]);
                    float c = (float) FastMath.tanh(gates[go + 3 * h + j] + rec[ro + 3 * h + j]);
                    float cp = cs[ho + j];
                    float cn = f * cp + i * c;
                    float tc = (float) FastMath.tanh(cn);
                    float hn = o * tc;
                    gates[go + j] = i;
                    gates[go + h + j] = o;
                    gates[go + 2 * h + j] = f;
                    gates[go + 3 * h + j] = c;
                    hPrev[so + j] = hs[ho + j];
                    cPrev[so + j] = cp;
                    tanhC[so + j] = tc;
                    out[yo + j] = hn;
                    hs[ho + j] = hn;
                    cs[ho + j] = cn;
                }
            }
        }
        System.arraycopy(hs, 0, out, hLastOff + dir * nb * h, nb * h);
        System.arraycopy(cs, 0, out, cLastOff + dir * nb * h, nb * h);
        return new Saved(gates, hPrev, cPrev, tanhC);
    }

    /**
     * Back-propagates through direction {@code dir}: {@code gOut} is the gradient of the packed
     * output (y at offset 0, final states at {@code hLastOff} and {@code cLastOff}); gradients
     * are added into the non-null ones of {@code gx}, {@code gw}, {@code gr}, {@code gb},
     * {@code gh0}, {@code gc0}.
     */
    static void backward(RnnDims dm, int dir, Saved sv, float[] x, float[] w, float[] r, float[] gOut, int hLastOff,
            int cLastOff, float[] gx, float[] gw, float[] gr, float[] gb, float[] gh0, float[] gc0) {
        int nb = dm.batch();
        int h = dm.hidden();
        int g = 4 * h;
        int rows = nb * dm.time();
        Gemm gemm = Kernels.gemm();
        float[] dG = new float[rows * g];
        int so0 = dir * nb * h;
        float[] dh = Arrays.copyOfRange(gOut, hLastOff + so0, hLastOff + so0 + nb * h);
        float[] dc = Arrays.copyOfRange(gOut, cLastOff + so0, cLastOff + so0 + nb * h);
        float[] stepG = new float[nb * g];
        float[] dhRec = new float[nb * h];
        float[] gates = sv.gates();
        for (int s = dm.steps() - 1; s >= 0; s--) {
            for (int q = 0; q < nb; q++) {
                int ro = q * g;
                if (s >= dm.lengths()[q]) {
                    Arrays.fill(stepG, ro, ro + g, 0f);
                    continue;
                }
                int t = dm.timeAt(q, s, dir);
                int row = q * dm.time() + t;
                int go = row * g;
                int so = row * h;
                int ho = q * h;
                int yo = dm.yOffset(q, t, dir);
                for (int j = 0; j < h; j++) {
                    float d = dh[ho + j] + gOut[yo + j];
                    float i = gates[go + j];
                    float o = gates[go + h + j];
                    float f = gates[go + 2 * h + j];
                    float c = gates[go + 3 * h + j];
                    float tc = sv.tanhC()[so + j];
                    float dC = dc[ho + j] + d * o * (1 - tc * tc);
                    stepG[ro + j] = dC * c * i * (1 - i);
                    stepG[ro + h + j] = d * tc * o * (1 - o);
                    stepG[ro + 2 * h + j] = dC * sv.cPrev()[so + j] * f * (1 - f);
                    stepG[ro + 3 * h + j] = dC * i * (1 - c * c);
                    dc[ho + j] = dC * f;
                    dh[ho + j] = 0f;
                }
                System.arraycopy(stepG, ro, dG, go, g);
            }
            // Ended sequences have zero rows in stepG, so their dh and dc pass through unchanged.
            gemm.sgemm(false, false, nb, h, g, 1f, stepG, 0, g, r, dir * g * h, h, 0f, dhRec, 0, h);
            for (int k = 0; k < dh.length; k++) {
                dh[k] += dhRec[k];
            }
        }
        if (gh0 != null) {
            for (int k = 0; k < dh.length; k++) {
                gh0[so0 + k] += dh[k];
            }
        }
        if (gc0 != null) {
            for (int k = 0; k < dc.length; k++) {
                gc0[so0 + k] += dc[k];
            }
        }
        RnnOps.weightGradients(dm, dir, g, dG, dG, sv.hPrev(), x, w, gx, gw, gr, gb);
    }
}
