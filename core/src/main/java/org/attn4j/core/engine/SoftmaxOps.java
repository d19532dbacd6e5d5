package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.ExpKernel;

/**
 * Softmax, log-softmax and masked softmax. Each row is viewed as {@code (outer, n, inner)} so
 * any axis works without a transpose; the last axis (inner = 1) is the common case. Masked
 * softmax (attention weights) takes its exponentials from the {@link ExpKernel} (float, within
 * 1 ulp, the same bits with or without the Vector API and before or after JIT compilation);
 * softmax and log-softmax use {@code Math.exp} in double, also the same bits on every run.
 */
final class SoftmaxOps {
    private static final ExpKernel EXP = ExpKernel.get();

    private SoftmaxOps() {
    }

    static EagerTensor softmax(EagerOps ops, EagerTensor x, int axis, boolean log) {
        int a = Shapes.axis(log ? "logSoftmax" : "softmax", axis, x.rank());
        int n = x.shape[a];
        int inner = Shapes.size(java.util.Arrays.copyOfRange(x.shape, a + 1, x.rank()));
        int outer = x.size() / Math.max(1, n * inner);
        float[] in = x.data();
        float[] y = new float[in.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, in[base + j * inner]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(in[base + j * inner] - max);
                }
                if (log) {
                    float lse = (float) (max + Math.log(sum));
                    for (int j = 0; j < n; j++) {
                        y[base + j * inner] = in[base + j * inner] - lse;
                    }
                } else {
                    float inv = (float) (1 / sum);
                    for (int j = 0; j < n; j++) {
                        y[base + j * inner] = (float) Math.exp(in[base + j * inner] - max) * inv;
                    }
                }
            }
        }
        return ops.result(y, x.shape, g -> {
            float[] gx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        int k = base + j * inner;
                        dot += log ? g[k] : g[k] * y[k];
                    }
                    for (int j = 0; j < n; j++) {
                        int k = base + j * inner;
                        // softmax: dx = y (g - <g, y>); log-softmax: dx = g - softmax * sum(g)
                        gx[k] += log ? (float) (g[k] - Math.exp(y[k]) * dot) : (float) (y[k] * (g[k] - dot));
                    }
                }
            }
        }, x);
    }

    /** Softmax over the last axis where the mask is non-zero; masked entries 0; empty rows all 0. */
    static EagerTensor masked(EagerOps ops, EagerTensor scores, EagerTensor mask) {
        int[] os = Shapes.broadcast("maskedSoftmax", scores.shape, mask.shape);
        if (!java.util.Arrays.equals(os, scores.shape)) {
            throw new org.attn4j.api.ShapeException("maskedSoftmax: mask " + Shapes.str(mask.shape)
                    + " does not broadcast to scores " + Shapes.str(scores.shape));
        }
        int n = os.length == 0 ? 1 : os[os.length - 1];
        int rows = scores.size() / Math.max(n, 1);
        // the mask is read in place through its broadcast strides: one offset per row and a
        // stride along the row (0 when the mask has size 1 on the last axis)
        int[] strides = Shapes.broadcastStrides(mask.shape, os);
        int[] rowOffsets = os.length == 0 ? new int[] {0}
                : Broadcast.walk(Arrays.copyOf(os, os.length - 1), Arrays.copyOf(strides, os.length - 1));
        int ms = os.length == 0 ? 0 : strides[os.length - 1];
        float[] m = mask.data();
        float[] in = scores.data();
        float[] y = new float[in.length];
        Parallel.range(rows, 4 * n, (from, to) -> {
            for (int r = from; r < to; r++) {
                maskedRow(in, m, y, r * n, rowOffsets[r], ms, n);
            }
        });
        return ops.result(y, os, g -> {
            float[] gx = scores.gradBuffer();
            Parallel.range(rows, 2 * n, (from, to) -> {
                for (int r = from; r < to; r++) {
                    int base = r * n;
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += g[base + j] * y[base + j];
                    }
                    for (int j = 0; j < n; j++) {
                        gx[base + j] += (float) (y[base + j] * (g[base + j] - dot));
                    }
                }
            });
        }, scores);
    }

    /**
     * One row of {@link #masked}: scores from {@code base}, the mask from {@code mBase} with stride
     * {@code ms} along the row: 1, or 0 for a mask broadcast along the row (a contiguous mask's
     * broadcast stride on its last axis is one of the two). The exponentials are the
     * {@link ExpKernel}'s, which give the same bits on every run.
     */
    private static void maskedRow(float[] in, float[] m, float[] y, int base, int mBase, int ms, int n) {
        double sum;
        if (ms == 0) {
            if (m[mBase] == 0f) {
                return;
            }
            float max = EXP.max(in, base, n);
            if (max == Float.NEGATIVE_INFINITY) {
                return;
            }
            sum = EXP.expShifted(in, base, n, max, y, base);
        } else {
            float max = EXP.maxMasked(in, base, n, m, mBase);
            if (max == Float.NEGATIVE_INFINITY) {
                return;
            }
            sum = EXP.expShiftedMasked(in, base, n, max, m, mBase, y, base);
        }
        float inv = (float) (1 / sum);
        for (int j = 0; j < n; j++) {
            y[base + j] *= inv;
        }
    }
}
