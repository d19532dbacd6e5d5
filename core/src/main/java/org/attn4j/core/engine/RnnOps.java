package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.api.RnnOutput;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;

/**
 * The whole-sequence recurrent macro-ops, ONNX {@code GRU} and {@code LSTM}, with
 * backpropagation through time; the cell arithmetic lives in {@link GruKernel} and
 * {@link LstmKernel}, the argument checks in {@link RnnDims}.
 *
 * <p>Three outputs on a single-output tape. The op computes everything into one flat
 * <em>packed</em> array, {@code [y (B*T*dirs*H) | hLast (dirs*B*H) | cLast (dirs*B*H, LSTM
 * only)]}, and records it as one tape entry whose backward runs BPTT for every direction from
 * the packed gradient, that is from the gradients of all outputs at once. {@code y},
 * {@code hLast} and {@code cLast} are then copies of its segments, each recorded after it with
 * a backward that adds its gradient into the matching segment of the packed gradient. The
 * tape runs in reverse creation order, so every view (and everything computed from the views)
 * has delivered its gradient before the packed entry runs, and BPTT runs exactly once per
 * backward, however many of the outputs the loss uses. An output the loss does not use simply
 * contributes zeros. Copying the outputs costs {@code O(B*T*H)}, nothing next to the GEMMs.
 *
 * <p>Memory: per direction the op keeps the activated gates and two or three {@code [B*T, H]}
 * arrays of states for the backward pass; the input projection's array is reused for the
 * gates.
 */
final class RnnOps {
    private RnnOps() {
    }

    static RnnOutput gru(EagerOps ops, EagerTensor x, EagerTensor lengths, EagerTensor h0, EagerTensor w,
            EagerTensor r, EagerTensor b) {
        RnnDims dm = RnnDims.check("gru", 3, x, lengths, h0, null, w, r, b);
        int yLen = dm.batch() * dm.time() * dm.dirs() * dm.hidden();
        int sLen = dm.dirs() * dm.batch() * dm.hidden();
        float[] packed = new float[yLen + sLen];
        GruKernel.Saved[] saved = new GruKernel.Saved[dm.dirs()];
        for (int d = 0; d < dm.dirs(); d++) {
            saved[d] = GruKernel.forward(dm, d, x.data(), w.data(), r.data(), data(b), data(h0), packed, yLen);
        }
        EagerTensor p = ops.result(packed, new int[] {packed.length}, g -> {
            float[] gx = x.gradBuffer();
            float[] gw = w.gradBuffer();
            float[] gr = r.gradBuffer();
            float[] gb = grad(b);
            float[] gh0 = grad(h0);
            for (int d = 0; d < dm.dirs(); d++) {
                GruKernel.backward(dm, d, saved[d], x.data(), w.data(), r.data(), g, yLen, gx, gw, gr, gb, gh0);
            }
        }, x, h0, w, r, b);
        int[] stateShape = {dm.dirs(), dm.batch(), dm.hidden()};
        return new RnnOutput(view(ops, p, 0, yShape(dm)), view(ops, p, yLen, stateShape), null);
    }

    static RnnOutput lstm(EagerOps ops, EagerTensor x, EagerTensor lengths, EagerTensor h0, EagerTensor c0,
            EagerTensor w, EagerTensor r, EagerTensor b) {
        RnnDims dm = RnnDims.check("lstm", 4, x, lengths, h0, c0, w, r, b);
        int yLen = dm.batch() * dm.time() * dm.dirs() * dm.hidden();
        int sLen = dm.dirs() * dm.batch() * dm.hidden();
        float[] packed = new float[yLen + 2 * sLen];
        LstmKernel.Saved[] saved = new LstmKernel.Saved[dm.dirs()];
        for (int d = 0; d < dm.dirs(); d++) {
            saved[d] = LstmKernel.forward(dm, d, x.data(), w.data(), r.data(), data(b), data(h0), data(c0), packed, yLen,
                    yLen + sLen);
        }
        EagerTensor p = ops.result(packed, new int[] {packed.length}, g -> {
            float[] gx = x.gradBuffer();
            float[] gw = w.gradBuffer();
            float[] gr = r.gradBuffer();
            float[] gb = grad(b);
            float[] gh0 = grad(h0);
            float[] gc0 = grad(c0);
            for (int d = 0; d < dm.dirs(); d++) {
                LstmKernel.backward(dm, d, saved[d], x.data(), w.data(), r.data(), g, yLen, yLen + sLen, gx, gw, gr, gb,
                        gh0, gc0);
            }
        }, x, h0, c0, w, r, b);
        int[] stateShape = {dm.dirs(), dm.batch(), dm.hidden()};
        return new RnnOutput(view(ops, p, 0, yShape(dm)), view(ops, p, yLen, stateShape),
                view(ops, p, yLen + sLen, stateShape));
    }

    /**
     * Adds the weight, bias and input gradients of one direction from the pre-activation
     * gradients gathered over all steps, rows indexed by (b, t) and zero at padding: {@code dP}
     * {@code [B*T, G]} for x, W and the input bias Wb; {@code dQ} for R and the recurrent bias
     * Rb (the same array for an LSTM). One GEMM per weight over every step of the batch.
     */
    static void weightGradients(RnnDims dm, int dir, int g, float[] dP, float[] dQ, float[] hPrev, float[] x,
            float[] w, float[] gx, float[] gw, float[] gr, float[] gb) {
        int rows = dm.batch() * dm.time();
        int in = dm.input();
        int h = dm.hidden();
        Gemm gemm = Kernels.gemm();
        if (gx != null) {
            gemm.sgemm(false, false, rows, in, g, 1f, dP, 0, g, w, dir * g * in, in, 1f, gx, 0, in);
        }
        if (gw != null) {
            gemm.sgemm(true, false, g, in, rows, 1f, dP, 0, g, x, 0, in, 1f, gw, dir * g * in, in);
        }
        if (gr != null) {
            gemm.sgemm(true, false, g, h, rows, 1f, dQ, 0, g, hPrev, 0, h, 1f, gr, dir * g * h, h);
        }
        if (gb != null) {
            int bo = dir * 2 * g;
            for (int row = 0; row < rows; row++) {
                int o = row * g;
                for (int j = 0; j < g; j++) {
                    gb[bo + j] += dP[o + j];
                    gb[bo + g + j] += dQ[o + j];
                }
            }
        }
    }

    /** A copy of {@code packed[off ..]} shaped {@code shape}, passing its gradient back into that segment. */
    private static EagerTensor view(EagerOps ops, EagerTensor packed, int off, int[] shape) {
        float[] v = Arrays.copyOfRange(packed.data(), off, off + Shapes.size(shape));
        return ops.result(v, shape, g -> {
            float[] gp = packed.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                gp[off + i] += g[i];
            }
        }, packed);
    }

    private static int[] yShape(RnnDims dm) {
        return new int[] {dm.batch(), dm.time(), dm.dirs(), dm.hidden()};
    }

    private static float[] data(EagerTensor t) {
        return t == null ? null : t.data();
    }

    private static float[] grad(EagerTensor t) {
        return t == null ? null : t.gradBuffer();
    }
}
