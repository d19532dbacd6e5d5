package org.attn4j.core.optim;

import org.attn4j.core.internal.array.Parallel;

/**
 * The update loops, over flat float arrays of one parameter, in float32 arithmetic with the
 * operation order of PyTorch's single-tensor CPU implementations ({@code torch.optim.SGD},
 * {@code Adam}, {@code AdamW}); scalar coefficients are computed in double by the callers, then
 * rounded once to float, as PyTorch does with Python scalars. Each loop makes one pass (Adam's
 * split over the cores for large parameters) and allocates no arrays; the branches on
 * hyperparameters are loop-invariant.
 */
final class OptimKernels {
    /** Cost of one Adam element (a square root and a division) in {@link Parallel}'s units. */
    private static final int ADAM_COST = 4;

    private OptimKernels() {
    }

    /**
     * SGD with optional L2 weight decay, momentum, dampening and Nesterov momentum:
     *
     * <pre>
     * d   = g + wd * w
     * buf = d                                   first update of this parameter
     *     = momentum * buf + (1 - dampening) * d   after
     * d   = nesterov ? d + momentum * buf : buf    (only when momentum != 0)
     * w   = w - lr * d
     * </pre>
     *
     * @param w parameter values, written
     * @param g gradient, read
     * @param buf momentum buffer, written; ignored (may be null) when {@code momentum == 0}
     * @param first whether this is the parameter's first update (initialises {@code buf})
     */
    static void sgd(float[] w, float[] g, float[] buf, boolean first, float lr, float momentum, float dampening,
            float weightDecay, boolean nesterov) {
        checkLengths(w, g);
        float keep = 1f - dampening;
        for (int i = 0; i < w.length; i++) {
            float d = weightDecay == 0f ? g[i] : g[i] + weightDecay * w[i];
            if (momentum != 0f) {
                float b = first ? d : buf[i] * momentum + keep * d;
                buf[i] = b;
                d = nesterov ? d + momentum * b : b;
            }
            w[i] += -lr * d;
        }
    }

    /**
     * Adam / AdamW, with bias correction:
     *
     * <pre>
     * w = w * decay                                 decoupled weight decay (AdamW); decay = 1 - lr * wd
     * d = g + l2 * w                                coupled L2 weight decay (Adam)
     * m = m + (1 - beta1) * (d - m)
     * v = beta2 * v + (1 - beta2) * d * d
     * w = w - stepSize * m / (sqrt(v) / bc2Sqrt + eps)
     * </pre>
     *
     * with {@code stepSize = lr / (1 - beta1^t)} and {@code bc2Sqrt = sqrt(1 - beta2^t)}.
     *
     * @param w parameter values, written
     * @param g gradient, read
     * @param m first moment, written
     * @param v second moment, written
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, float oneMinusBeta1, float beta2, float oneMinusBeta2,
            float stepSize, float bc2Sqrt, float eps, float l2, float decay) {
        checkLengths(w, g);
        float negStep = -stepSize;
        // elements are independent: large parameters split over the cores, same result
        Parallel.range(w.length, ADAM_COST, (from, to) -> {
            for (int i = from; i < to; i++) {
                float wi = decay == 1f ? w[i] : w[i] * decay;
                float d = l2 == 0f ? g[i] : g[i] + l2 * wi;
                float mi = m[i] + oneMinusBeta1 * (d - m[i]);
                float vi = v[i] * beta2 + oneMinusBeta2 * d * d;
                m[i] = mi;
                v[i] = vi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
                w[i] = wi + negStep * (mi / denom);
            }
        });
    }

    private static void checkLengths(float[] w, float[] g) {
        if (w.length != g.length) {
            throw new IllegalStateException("gradient has " + g.length + " values, parameter " + w.length);
        }
    }
}
