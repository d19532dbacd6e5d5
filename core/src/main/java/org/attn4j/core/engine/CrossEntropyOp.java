package org.attn4j.core.engine;

import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;

/**
 * Fused log-softmax + negative log-likelihood with ignore-index and label smoothing.
 *
 * <p>Per row with log-sum-exp L and targets t: {@code loss = (1-eps)(L - z_t) + eps (L - mean_v z_v)},
 * averaged over the N rows whose target is not ignored. The forward keeps the softmax it
 * computes anyway, so the backward, {@code dz_v = (softmax_v - (1-eps)[v = t] - eps/C) / N},
 * needs no second pass of exponentials.
 */
final class CrossEntropyOp {
    private CrossEntropyOp() {
    }

    static EagerTensor apply(EagerOps ops, EagerTensor logits, EagerTensor targets, int ignore, float eps) {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1), got " + eps);
        }
        int c = logits.rank() == 0 ? 0 : logits.dim(-1);
        int rows = c == 0 ? 0 : logits.size() / c;
        if (logits.rank() != targets.rank() + 1 || targets.size() != rows) {
            throw new ShapeException("crossEntropy: logits " + Shapes.str(logits.shape) + " need targets of shape "
                    + Shapes.str(java.util.Arrays.copyOf(logits.shape, Math.max(0, logits.rank() - 1))) + ", got "
                    + Shapes.str(targets.shape));
        }
        long[] t = targets.ids;
        float[] z = logits.data;
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (t[r] == ignore) {
                continue;
            }
            if (t[r] < 0 || t[r] >= c) {
                throw new ShapeException("crossEntropy: target " + t[r] + " at position " + r + " is outside [0, " + c + ")");
            }
            count++;
        }
        float[] probs = new float[z.length];
        double[] rowLoss = new double[rows];
        // rows in parallel; the per-row losses are then summed in row order, so the result does
        // not depend on the split
        Parallel.range(rows, c, (from, to) -> {
            for (int r = from; r < to; r++) {
                if (t[r] != ignore) {
                    rowLoss[r] = row(z, probs, r * c, c, (int) t[r], eps);
                }
            }
        });
        double total = 0;
        for (double l : rowLoss) {
            total += l;
        }
        int n = count;
        float loss = n == 0 ? 0f : (float) (total / n);
        return ops.result(new float[] {loss}, new int[0], g -> {
            if (n == 0) {
                return;
            }
            float[] gz = logits.gradBuffer();
            float smooth = eps / c;
            float sc = g[0] / n;
            float hit = (1 - eps) * sc;
            Parallel.range(rows, c, (from, to) -> {
                for (int r = from; r < to; r++) {
                    if (t[r] == ignore) {
                        continue;
                    }
                    int base = r * c;
                    for (int v = 0; v < c; v++) {
                        gz[base + v] += (probs[base + v] - smooth) * sc;
                    }
                    gz[base + (int) t[r]] -= hit;
                }
            });
        }, logits);
    }

    /** The smoothed loss of one row, leaving its softmax in {@code probs[base .. base + c)}. */
    private static double row(float[] z, float[] probs, int base, int c, int target, float eps) {
        float max = Float.NEGATIVE_INFINITY;
        double sumZ = 0;
        for (int v = 0; v < c; v++) {
            max = Math.max(max, z[base + v]);
            sumZ += z[base + v];
        }
        double s = 0;
        for (int v = 0; v < c; v++) {
            double e = Math.exp(z[base + v] - max);
            probs[base + v] = (float) e;
            s += e;
        }
        double l = max + Math.log(s);
        float inv = (float) (1 / s);
        for (int v = 0; v < c; v++) {
            probs[base + v] *= inv;
        }
        return (1 - eps) * (l - z[base + target]) + eps * (l - sumZ / c);
    }
}
