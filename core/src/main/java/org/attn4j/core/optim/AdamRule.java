package org.attn4j.core.optim;

/**
 * The hyperparameters and per-step coefficients shared by {@link Adam} and {@link AdamW}; they
 * differ only in how weight decay enters (L2 term in the gradient, or decoupled shrinking).
 */
final class AdamRule {
    final double beta1;
    final double beta2;
    final double eps;
    final double weightDecay;
    final boolean decoupled;

    AdamRule(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        checkBeta("beta1", beta1);
        checkBeta("beta2", beta2);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    private static void checkBeta(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
        }
    }

    /** One update of a parameter whose 1-based update count is {@code t}. */
    void apply(float[] w, float[] g, float[] m, float[] v, double lr, long t) {
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        float l2 = decoupled ? 0f : (float) weightDecay;
        OptimKernels.adam(w, g, m, v, (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) (lr / bc1),
                (float) Math.sqrt(bc2), (float) eps, l2, decay);
    }

    @Override
    public String toString() {
        return "betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay;
    }
}
