package org.attn4j.core.optim;

import org.attn4j.api.Parameter;

/**
 * Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_} with the L2 norm:
 * the norm is taken over the gradients of all parameters together, and when it exceeds {@code
 * maxNorm} every gradient is multiplied by {@code maxNorm / norm}, so the clipped global norm is
 * {@code maxNorm} (up to float rounding; PyTorch divides by {@code norm + 1e-6} instead, which
 * stays slightly below).
 *
 * <p>The sum of squares is accumulated in double, so it neither overflows nor loses small
 * terms next to large ones. Parameters without a gradient ({@link Parameter#hasGrad()} false)
 * are skipped. A non-finite norm (a NaN or infinite gradient) is returned and nothing is
 * scaled: the caller decides whether to skip the step. {@code parameters} is iterated twice
 * (norm, then scaling), so pass a collection, not a one-shot iterable.
 *
 * <pre>{@code
 * double norm = GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
 * }</pre>
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The L2 norm of all gradients taken together. */
    public static double globalNorm(Iterable<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            if (p.hasGrad()) {
                sum += sumOfSquares(p.grad());
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales all gradients so that their global L2 norm is at most {@code maxNorm}.
     *
     * @param maxNorm the largest allowed norm, finite and {@code > 0}
     * @return the global norm before clipping
     */
    public static double clipGlobalNorm(Iterable<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be finite and > 0, got " + maxNorm);
        }
        double norm = globalNorm(parameters);
        if (norm > maxNorm && Double.isFinite(norm)) {
            float scale = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                if (p.hasGrad()) {
                    scale(p.grad(), scale);
                }
            }
        }
        return norm;
    }

    private static double sumOfSquares(float[] g) {
        double s = 0;
        for (float x : g) {
            s += (double) x * x;
        }
        return s;
    }

    private static void scale(float[] g, float s) {
        for (int i = 0; i < g.length; i++) {
            g[i] *= s;
        }
    }
}
