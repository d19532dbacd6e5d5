package org.attn4j.core.engine;

import org.attn4j.core.testing.GradCheck;
import static org.attn4j.core.testing.Close.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Ops;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused GRU and LSTM ops against their plain twin: the same equations composed step by
 * step from the engine's elementary ops (linear, sigmoid, tanh, where, gather), the reverse
 * direction running forward over each sequence reversed within its length. Outputs and the
 * gradients of every input, weights included, must agree on seeded random data.
 */
class RnnReferenceTest {
    private static final double REL = 1e-4;
    private static final int B = 4;
    private static final int T = 6;
    private static final int I = 5;
    private static final int H = 4;
    private static final long[] LENGTHS = {6, 3, 1, 5};

    @Test
    void gruMatchesTheComposedReference() {
        for (int dirs = 1; dirs <= 2; dirs++) {
            compare("gru dirs=" + dirs, 3, dirs, false);
        }
    }

    @Test
    void lstmMatchesTheComposedReference() {
        for (int dirs = 1; dirs <= 2; dirs++) {
            compare("lstm dirs=" + dirs, 4, dirs, true);
        }
    }

    private static void compare(String what, int gates, int dirs, boolean lstm) {
        int[][] shapes = {{B, T, I}, {dirs, B, H}, {dirs, B, H}, {dirs, gates * H, I}, {dirs, gates * H, H},
            {dirs, 2 * gates * H}};
        String[] names = {"x", "h0", "c0", "W", "R", "B"};
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            values.add(GradCheck.random(100 + i, size(shapes[i])));
        }
        List<EagerTensor> fused = run(values, shapes, lstm, false);
        List<EagerTensor> ref = run(values, shapes, lstm, true);
        // run() returns the inputs followed by the outputs y, hLast (and cLast)
        for (int i = shapes.length; i < fused.size(); i++) {
            assertClose(what + " output " + (i - shapes.length), fused.get(i).floats(), doubles(ref.get(i).floats()), REL);
        }
        for (int i = 0; i < shapes.length; i++) {
            if (i == 2 && !lstm) {
                continue;
            }
            assertClose(what + " grad " + names[i], fused.get(i).grad(), doubles(ref.get(i).grad()), REL);
        }
    }

    /** Runs one op (fused or reference), back-propagates a probe-weighted sum of all outputs. */
    private static List<EagerTensor> run(List<float[]> values, int[][] shapes, boolean lstm, boolean reference) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        List<EagerTensor> in = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            in.add(ops.variable(values.get(i).clone(), shapes[i]));
        }
        Tensor len = ops.constantIds(LENGTHS, B);
        Tensor c0 = lstm ? in.get(2) : null;
        RnnOutput out = reference
                ? Reference.run(ops, in.get(0), c0 != null, in.get(1), c0, in.get(3), in.get(4), in.get(5))
                : lstm ? ops.lstm(in.get(0), len, in.get(1), c0, in.get(3), in.get(4), in.get(5))
                        : ops.gru(in.get(0), len, in.get(1), in.get(3), in.get(4), in.get(5));
        List<Tensor> outs = new ArrayList<>(List.of(out.y(), out.hLast()));
        if (out.cLast() != null) {
            outs.add(out.cLast());
        }
        Tensor loss = null;
        for (int k = 0; k < outs.size(); k++) {
            Tensor o = outs.get(k);
            Tensor probe = ops.constant(GradCheck.random(200 + k, size(o.shape())), o.shape());
            int[] axes = new int[o.rank()];
            for (int a = 0; a < axes.length; a++) {
                axes[a] = a;
            }
            Tensor term = ops.sum(ops.mul(o, probe), false, axes);
            loss = loss == null ? term : ops.add(loss, term);
        }
        ops.backward(loss);
        List<EagerTensor> all = new ArrayList<>(in);
        for (Tensor o : outs) {
            all.add((EagerTensor) o);
        }
        return all;
    }

    /** The GRU/LSTM equations of {@link Ops#gru} / {@link Ops#lstm}, one elementary op at a time. */
    private static final class Reference {
        private Reference() {
        }

        static RnnOutput run(Ops ops, Tensor x, boolean lstm, Tensor h0, Tensor c0, Tensor w, Tensor r, Tensor b) {
            int dirs = w.dim(0);
            int g = lstm ? 4 : 3;
            long[] rev = new long[B * T];
            for (int q = 0; q < B; q++) {
                for (int t = 0; t < T; t++) {
                    rev[q * T + t] = q * T + (t < LENGTHS[q] ? LENGTHS[q] - 1 - t : t);
                }
            }
            Tensor revIds = ops.constantIds(rev, B, T);
            List<Tensor> ys = new ArrayList<>();
            List<Tensor> hs = new ArrayList<>();
            List<Tensor> cs = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                Tensor wd = ops.squeeze(ops.slice(w, 0, d, d + 1), 0);
                Tensor rd = ops.squeeze(ops.slice(r, 0, d, d + 1), 0);
                Tensor bd = ops.squeeze(ops.slice(b, 0, d, d + 1), 0);
                Tensor xs = d == 0 ? x : ops.gather(ops.reshape(x, B * T, I), revIds);
                Tensor h = ops.squeeze(ops.slice(h0, 0, d, d + 1), 0);
                Tensor c = lstm ? ops.squeeze(ops.slice(c0, 0, d, d + 1), 0) : null;
                List<Tensor> steps = new ArrayList<>();
                for (int t = 0; t < T; t++) {
                    Tensor xt = ops.squeeze(ops.slice(xs, 1, t, t + 1), 1);
                    Tensor[] pre = new Tensor[g];
                    for (int k = 0; k < g; k++) {
                        Tensor xk = ops.linear(xt, part(ops, wd, k), part(ops, bd, k));
                        Tensor hk = ops.linear(h, part(ops, rd, k), part(ops, bd, g + k));
                        // GRU, linear_before_reset = 1: n's pre-activation is x Wh^T + Wbh + r * (h Rh^T + Rbh)
                        pre[k] = !lstm && k == 2 ? ops.add(xk, ops.mul(ops.sigmoid(pre[1]), hk)) : ops.add(xk, hk);
                    }
                    Tensor mask = mask(ops, t);
                    Tensor hn;
                    if (lstm) {
                        Tensor cn = ops.add(ops.mul(ops.sigmoid(pre[2]), c), ops.mul(ops.sigmoid(pre[0]), ops.tanh(pre[3])));
                        hn = ops.mul(ops.sigmoid(pre[1]), ops.tanh(cn));
                        c = ops.where(mask, cn, c);
                    } else {
                        Tensor z = ops.sigmoid(pre[0]);
                        Tensor n = ops.tanh(pre[2]);
                        hn = ops.add(n, ops.mul(z, ops.sub(h, n)));
                    }
                    h = ops.where(mask, hn, h);
                    steps.add(ops.unsqueeze(ops.mul(hn, mask), 1));
                }
                Tensor y = ops.concat(1, steps.toArray(new Tensor[0]));
                if (d == 1) {
                    y = ops.gather(ops.reshape(y, B * T, H), revIds);
                }
                ys.add(ops.unsqueeze(y, 2));
                hs.add(ops.unsqueeze(h, 0));
                if (lstm) {
                    cs.add(ops.unsqueeze(c, 0));
                }
            }
            return new RnnOutput(ops.concat(2, ys.toArray(new Tensor[0])), ops.concat(0, hs.toArray(new Tensor[0])),
                    lstm ? ops.concat(0, cs.toArray(new Tensor[0])) : null);
        }

        /** Gate block k ({@code [H, ...]} rows k*H .. (k+1)*H) of a stacked weight or bias. */
        private static Tensor part(Ops ops, Tensor stacked, int k) {
            return ops.slice(stacked, 0, (long) k * H, (long) (k + 1) * H);
        }

        /** {@code [B, 1]}: 1 where step t is inside the sequence. */
        private static Tensor mask(Ops ops, int t) {
            float[] m = new float[B];
            for (int q = 0; q < B; q++) {
                m[q] = t < LENGTHS[q] ? 1f : 0f;
            }
            return ops.constant(m, B, 1);
        }
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static int size(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
