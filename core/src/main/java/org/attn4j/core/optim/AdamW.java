package org.attn4j.core.optim;

import java.util.Map;
import org.attn4j.api.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), with the update of {@code
 * torch.optim.AdamW} (without {@code amsgrad}). For parameter update number {@code t}:
 *
 * <pre>
 * w = w * (1 - lr * weightDecay)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>The decay is scaled by the scheduled learning rate, as in PyTorch. State: buffers {@code
 * adamw.m.<parameter>} and {@code adamw.v.<parameter>}, and each parameter's {@code t}.
 *
 * <pre>{@code
 * Optimizer adamw = AdamW.builder(model.namedParameters(), Schedule.warmupCosine(3e-4, 1000, 50_000, 0))
 *         .optWeightDecay(0.1).build();
 * }</pre>
 */
public final class AdamW extends BaseOptimizer {
    private final AdamRule rule;
    private final float[][] m;
    private final float[][] v;

    private AdamW(Map<String, Parameter> parameters, Schedule schedule, AdamRule rule) {
        super("adamw", parameters, schedule);
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
        return "AdamW(" + rule + ")";
    }

    /** Settings of an {@link AdamW}; every option has PyTorch's default. */
    public static final class Builder {
        private final Map<String, Parameter> parameters;
        private final Schedule schedule;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0.01;

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

        /** Decoupled weight decay, {@code >= 0}; default 0.01. */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public AdamW build() {
            return new AdamW(parameters, schedule, new AdamRule(beta1, beta2, eps, weightDecay, true));
        }
    }
}
