package org.attn4j.core.optim;

import java.util.Map;
import org.attn4j.api.Parameter;

/**
 * Adam (Kingma and Ba 2015) with bias correction and optional L2 weight decay added to the
 * gradient, with the update of {@code torch.optim.Adam} (without {@code amsgrad}). For
 * parameter update number {@code t}:
 *
 * <pre>
 * d = g + weightDecay * w
 * m = beta1 * m + (1 - beta1) * d
 * v = beta2 * v + (1 - beta2) * d^2
 * w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>For weight decay that does not pass through the moments use {@link AdamW}. State: buffers
 * {@code adam.m.<parameter>} and {@code adam.v.<parameter>}, and each parameter's {@code t}.
 *
 * <pre>{@code
 * Optimizer adam = Adam.builder(model.namedParameters(), Schedule.noam(512, 4000, 1.0))
 *         .optBetas(0.9, 0.98).optEps(1e-9).build();
 * }</pre>
 */
public final class Adam extends BaseOptimizer {
    private final AdamRule rule;
    private final float[][] m;
    private final float[][] v;

    private Adam(Map<String, Parameter> parameters, Schedule schedule, AdamRule rule) {
        super("adam", parameters, schedule);
        this.rule = rule;
        this.m = new float[parameterCount()][];
        this.v = new float[parameterCount()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = addBuffer("m", i);
            v[i] = addBuffer("v", i);
        }
    }

    /** Starts a builder; the parameters' map order fixes the order of the state. */
    public static Builder builder(Map<String, Parameter> parameters, Schedule schedule) {
        return new Builder(parameters, schedule);
    }

    @Override
    void update(int i, float[] w, float[] g, double lr, long t) {
        rule.apply(w, g, m[i], v[i], lr, t);
    }

    @Override
    public String toString() {
        return "Adam(" + rule + ")";
    }

    /** Settings of an {@link Adam}; every option has PyTorch's default. */
    public static final class Builder {
        private final Map<String, Parameter> parameters;
        private final Schedule schedule;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;

        private Builder(Map<String, Parameter> parameters, Schedule schedule) {
            this.parameters = parameters;
            this.schedule = schedule;
        }

        /** Decay rates of the first and second moments, each in [0, 1); default (0.9, 0.999). */
        public Builder optBetas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Added to the denominator, {@code >= 0}; default 1e-8. */
        public Builder optEps(double eps) {
            this.eps = eps;
            return this;
        }

        /** L2 penalty added to the gradient, {@code >= 0}; default 0. */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Adam build() {
            return new Adam(parameters, schedule, new AdamRule(beta1, beta2, eps, weightDecay, false));
        }
    }
}
