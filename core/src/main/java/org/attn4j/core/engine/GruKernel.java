package org.attn4j.core.engine;

import org.attn4j.core.internal.array.FastMath;
import java.util.Arrays;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;

/**
 * One direction of an ONNX GRU ({@code linear_before_reset = 1}) over a batch of sequences,
 * forward and backward through time, on flat row-major arrays.
 *
 * <p>Forward, per direction: the input projection of every step at once,
 * {@code P = x W^T + [Wbz + Rbz, Wbr + Rbr, Wbh]} ({@code [B*T, 3H]}, one GEMM); then per step
 * one GEMM {@code h R^T} ({@code [B, 3H]}) and the gate arithmetic for the sequences still
 * running. The projection array is overwritten in place with the activated gates z, r, n, which
 * the backward pass reads together with {@code hr = h Rh^T + Rbh} and the previous state.
 *
 * <p>Backward, from the gradients of y and of the final state: per step (in reverse order of
 * the forward) the pre-activation gradients {@code dP = [dz', dr', dn']} (for x and W) and
 * {@code dQ = [dz', dr', r * dn']} (for h and R), then one GEMM {@code dQ R} for the gradient
 * flowing into the previous state. The weight gradients take one GEMM each over all steps at
 * the end: {@code dW += dP^T x}, {@code dR += dQ^T h_prev}, {@code dx += dP W}.
 */
final class GruKernel {
    private GruKernel() {
    }

    /**
     * What the backward pass needs of one direction, indexed by (sequence b, time t) in rows of
     * {@code B*T}: activated gates {@code [B*T, 3H]} (z, r, n), {@code hr} {@code [B*T, H]} and
     * the state before the step {@code [B*T, H]}. Rows of padding positions are never read.
     */
    record Saved(float[] gates, float[] hr, float[] hPrev) {
    }

    /**
     * Runs direction {@code dir}: writes its slice of {@code y} (at offset 0 of {@code out},
     * {@code [B, T, dirs, H]}) and its final states at {@code out[hLastOff + dir*B*H ...]}.
     * {@code b} and {@code h0} may be null (zeros).
     */
    static Saved forward(RnnDims dm, int dir, float[] x, float[] w, float[] r, float[] b, float[] h0,
            float[] out, int hLastOff) {
        int nb = dm.batch();
        int h = dm.hidden();
        int g = 3 * h;
        int rows = nb * dm.time();
        Gemm gemm = Kernels.gemm();
        float[] gates = new float[rows * g];
        int bo = dir * 2 * g;
        if (b != null) {
            for (int row = 0; row < rows; row++) {
                int o = row * g;
                for (int j = 0; j < 2 * h; j++) {
                    gates[o + j] = b[bo + j] + b[bo + g + j];
                }
                System.arraycopy(b, bo + 2 * h, gates, o + 2 * h, h);
            }
        }
        gemm.sgemm(false, true, rows, g, dm.input(), 1f, x, 0, dm.input(), w, dir * g * dm.input(), dm.input(),
                b != null ? 1f : 0f, gates, 0, g);
        float[] hr = new float[rows * h];
        float[] hPrev = new float[rows * h];
        float[] state = new float[nb * h];
        if (h0 != null) {
            System.arraycopy(h0, dir * nb * h, state, 0, nb * h);
        }
        float[] rec = new float[nb * g];
        int rbh = bo + g + 2 * h;
        for (int s = 0; s < dm.steps(); s++) {
            gemm.sgemm(false, true, nb, g, h, 1f, state, 0, h, r, dir * g * h, h, 0f, rec, 0, g);
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
                    float hp = state[ho + j];
                    float z = sigmoid(gates[go + j] + rec[ro + j]);
                    float rr = sigmoid(gates[go + h + j] + rec[ro + h + j]);
                    float hrj = b != null ? rec[ro + 2 * h + j] + b[rbh + j] : rec[ro + 2 * h + j];
                    float n = (float) FastMath.tanh(gates[go + 2 * h + j] + rr * hrj);
                    float hn = (1 - z) * n + z * hp;
                    gates[go + j] = z;
                    gates[go + h + j] = rr;
                    gates[go + 2 * h + j] = n;
                    hr[so + j] = hrj;
                    hPrev[so + j] = hp;
                    out[yo + j] = hn;
                    state[ho + j] = hn;
                }
            }
        }
        System.arraycopy(state, 0, out, hLastOff + dir * nb * h, nb * h);
        return new Saved(gates, hr, hPrev);
    }

    /**
     * Back-propagates through direction {@code dir}: {@code gOut} is the gradient of the packed
     * output (y at offset 0, the final states at {@code hLastOff}); gradients are added into
     * {@code gx}, {@code gw}, {@code gr}, {@code gb}, {@code gh0}, each of which may be null.
     */
    static void backward(RnnDims dm, int dir, Saved sv, float[] x, float[] w, float[] r, float[] gOut, int hLastOff,
            float[] gx, float[] gw, float[] gr, float[] gb, float[] gh0) {
        int nb = dm.batch();
        int h = dm.hidden();
        int g = 3 * h;
        int in = dm.input();
        int rows = nb * dm.time();
        Gemm gemm = Kernels.gemm();
        float[] dP = new float[rows * g];
        float[] dQ = new float[rows * g];
        float[] dh = Arrays.copyOfRange(gOut, hLastOff + dir * nb * h, hLastOff + (dir + 1) * nb * h);
        float[] stepQ = new float[nb * g];
        float[] dhRec = new float[nb * h];
        float[] gates = sv.gates();
        for (int s = dm.steps() - 1; s >= 0; s--) {
            for (int q = 0; q < nb; q++) {
                int ro = q * g;
                if (s >= dm.lengths()[q]) {
                    Arrays.fill(stepQ, ro, ro + g, 0f);
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
                    float z = gates[go + j];
                    float rr = gates[go + h + j];
                    float n = gates[go + 2 * h + j];
                    float dn = d * (1 - z) * (1 - n * n);
                    float dz = d * (sv.hPrev()[so + j] - n) * z * (1 - z);
                    float dr = dn * sv.hr()[so + j] * rr * (1 - rr);
                    dP[go + j] = dz;
                    dP[go + h + j] = dr;
                    dP[go + 2 * h + j] = dn;
                    stepQ[ro + j] = dz;
                    stepQ[ro + h + j] = dr;
                    stepQ[ro + 2 * h + j] = dn * rr;
                    dh[ho + j] = d * z;
                }
                System.arraycopy(stepQ, ro, dQ, go, g);
            }
            // Ended sequences have zero rows in stepQ, so their dh passes through unchanged.
            gemm.sgemm(false, false, nb, h, g, 1f, stepQ, 0, g, r, dir * g * h, h, 0f, dhRec, 0, h);
            for (int i = 0; i < dh.length; i++) {
                dh[i] += dhRec[i];
            }
        }
        if (gh0 != null) {
            int o = dir * nb * h;
            for (int i = 0; i < dh.length; i++) {
                gh0[o + i] += dh[i];
            }
        }
        RnnOps.weightGradients(dm, dir, g, dP, dQ, sv.hPrev(), x, w, gx, gw, gr, gb);
    }

    static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
