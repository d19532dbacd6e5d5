package org.attn4j.core.engine;

import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.ExpKernel;

/**
 * Fused log-softmax + negative log-likelihood with ignore-index and label smoothing.
 *
 * <p>Per row with log-sum-exp L and targets t: {@code loss = (1-eps)(L - z_t) + eps (L - mean_v z_v)},
 * averaged over the N rows whose target is not ignored. The forward keeps the softmax it
 * computes anyway, so the backward, {@code dz_v = (softmax_v - (1-eps)[v = t] - eps/C) / N},
 * needs no second pass of exponentials.
 */
final class CrossEntropyOp {
    private static final ExpKernel EXP = ExpKernel.get();

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
        float[] z = logits.data();
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
        // exp(z - max) per row and the row's 1 / sum: the softmax, normalised only in the backward
        float[] probs = new float[z.length];
        float[] inv = new float[rows];
        double[] rowLoss = new double[rows];
        // rows in parallel; the per-row losses are then summed in row order, so the result does
        // not depend on the split
        Parallel.range(rows, c, (from, to) -> {
            for (int r = from; r < to; r++) {
                if (t[r] != ignore) {
                    rowLoss[r] = row(z, probs, inv, r, c, (int) t[r], eps);
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
            float smooth = eps / c;
            float sc = g[0] / n;
            float hit = (1 - eps) * sc;
            // the logits' gradient is written over the exponentials when the logits have no
            // gradient yet (the usual case), which saves a buffer as large as the logits
            boolean inPlace = logits.grad == null && logits.requiresGrad && logits.parameter == null;
            float[] gz = inPlace ? probs : logits.gradBuffer();
            Parallel.range(rows, c, (from, to) -> {
                for (int r = from; r < to; r++) {
                    if (t[r] == ignore) {
                        continue;
                    }
                    int base = r * c;
                    float ir = inv[r];
                    if (inPlace) {
                        for (int v = 0; v < c; v++) {
                            gz[base + v] = (probs[base + v] * ir - smooth) * sc;
                        }
                    } else {
                        for (int v = 0; v < c; v++) {
                            gz[base + v] += (probs[base + v] * ir - smooth) * sc;
                        }
                    }
                    gz[base + (int) t[r]] -= hit;
                }
            });
            if (inPlace && !logits.adoptGrad(gz)) {
                throw new IllegalStateException("crossEntropy: the logits refused their gradient buffer");
            }
        }, logits);
    }

    /**
     * The smoothed loss of row r, leaving {@code exp(z - max)} in {@code probs[r * c .. (r + 1) * c)}
     * and the reciprocal of their sum in {@code inv[r]}.
     */
    private static double row(float[] z, float[] probs, float[] inv, int r, int c, int target, float eps) {
        int base = r * c;
        float max = EXP.max(z, base, c);
        double sumZ = 0;
        if (eps != 0f) {
            for (int v = 0; v < c; v++) {
                sumZ += z[base + v];
            }
        }
        double s = EXP.expShifted(z, base, c, max, probs, base);
        double l = max + Math.log(s);
        inv[r] = (float) (1 / s);
        return (1 - eps) * (l - z[base + target]) + eps * (l - sumZ / c);
    }
}
