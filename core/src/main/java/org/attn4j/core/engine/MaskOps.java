package org.attn4j.core.engine;

import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Shapes;

/** Selection and masks: where, notEqual, causal masks, dropout. */
final class MaskOps {
    private MaskOps() {
    }

    static EagerTensor where(EagerOps ops, EagerTensor cond, EagerTensor a, EagerTensor b) {
        int[] os = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape, a.shape), b.shape);
        int[] mc = Broadcast.offsets(cond.shape, os);
        int[] ma = Broadcast.offsets(a.shape, os);
        int[] mb = Broadcast.offsets(b.shape, os);
        float[] out = new float[mc.length];
        float[] c = cond.data();
        float[] av = a.data();
        float[] bv = b.data();
        for (int i = 0; i < out.length; i++) {
            out[i] = c[mc[i]] != 0f ? av[ma[i]] : bv[mb[i]];
        }
        return ops.result(out, os, g -> {
            float[] ga = a.gradBuffer();
            float[] gb = b.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                if (c[mc[i]] != 0f) {
                    if (ga != null) {
                        ga[ma[i]] += g[i];
                    }
                } else if (gb != null) {
                    gb[mb[i]] += g[i];
                }
            }
        }, a, b);
    }

    static EagerTensor lessOrEqual(EagerTensor a, EagerTensor b) {
        int[] os = Shapes.broadcast("lessOrEqual", a.shape, b.shape);
        int[] ma = Broadcast.offsets(a.shape, os);
        int[] mb = Broadcast.offsets(b.shape, os);
        float[] out = new float[ma.length];
        float[] av = a.data();
        float[] bv = b.data();
        for (int i = 0; i < out.length; i++) {
            out[i] = av[ma[i]] <= bv[mb[i]] ? 1f : 0f;
        }
        return EagerTensor.of(out, os);
    }

    static EagerTensor notEqual(EagerTensor ids, long pad) {
        float[] out = new float[ids.ids.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.ids[i] != pad ? 1f : 0f;
        }
        return EagerTensor.of(out, ids.shape);
    }

    static EagerTensor causal(EagerTensor x) {
        if (x.rank() < 2) {
            throw new org.attn4j.api.ShapeException("causalMask: needs [B, T, ...], got " + Shapes.str(x.shape));
        }
        int t = x.shape[1];
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                m[i * t + j] = 1f;
            }
        }
        return EagerTensor.of(m, t, t);
    }

    static EagerTensor dropout(EagerOps ops, EagerTensor x, float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1), got " + p);
        }
        if (!ops.isTraining() || p == 0) {
            return x;
        }
        float keep = 1 - p;
        float scale = 1 / keep;
        float[] mask = new float[x.size()];
        float[] out = new float[mask.length];
        var rng = ops.rng();
        float[] in = x.data();
        for (int i = 0; i < out.length; i++) {
            if (rng.nextFloat() < keep) {
                mask[i] = scale;
                out[i] = in[i] * scale;
            }
        }
        return ops.result(out, x.shape, g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                gx[i] += g[i] * mask[i];
            }
        }, x);
    }
}
