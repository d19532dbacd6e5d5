package org.attn4j.core.optim;

import java.util.Map;
import org.attn4j.api.Parameter;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
 * weight decay, with the update of {@code torch.optim.SGD}:
 *
 * <pre>
 * d   = g + weightDecay * w
 * buf = d                                      on a parameter's first update
 *     = momentum * buf + (1 - dampening) * d   on later ones
 * d   = nesterov ? d + momentum * buf : buf    (when momentum &gt; 0)
 * w   = w - lr * d
 * </pre>
 *
 * <p>State: one buffer {@code sgd.momentum.<parameter>} per parameter when momentum is
 * non-zero, none otherwise.
 *
 * <pre>{@code
 * Optimizer sgd = Sgd.builder(model.namedParameters(), Schedule.constant(0.1))
 *         .optMomentum(0.9).optNesterov(true).build();
 * }</pre>
 */
public final class Sgd extends BaseOptimizer {
    private final float momentum;
    private final float dampening;
    private final float weightDecay;
    private final boolean nesterov;
    private final float[][] momentumBuffers;

    private Sgd(Builder b) {
        super("sgd", b.parameters, b.schedule);
        this.momentum = (float) b.momentum;
        this.dampening = (float) b.dampening;
        this.weightDecay = (float) b.weightDecay;
        this.nesterov = b.nesterov;
        this.momentumBuffers = new float[parameterCount()][];
        if (b.momentum != 0) {
            for (int i = 0; i < momentumBuffers.length; i++) {
                momentumBuffers[i] = addBuffer("momentum", i);
            }
        }
    }

    /** Starts a builder; the parameters' map order fixes the order of the state. */
    public static Builder builder(Map<String, Parameter> parameters, Schedule schedule) {
        return new Builder(parameters, schedule);
    }

    @Override
    void update(int i, float[] w, float[] g, double lr, long t) {
        OptimKernels.sgd(w, g, momentumBuffers[i], t == 1, (float) lr, momentum, dampening, weightDecay, nesterov);
    }

    @Override
    public String toString() {
        return "Sgd(momentum=" + momentum + ", dampening=" + dampening + ", nesterov=" + nesterov + ", weightDecay="
                + weightDecay + ")";
    }

    /** Settings of an {@link Sgd}; every option has PyTorch's default. */
    public static final class Builder {
        private final Map<String, Parameter> parameters;
        private final Schedule schedule;
        private double momentum;
        private double dampening;
        private double weightDecay;
        private boolean nesterov;

        private Builder(Map<String, Parameter> parameters, Schedule schedule) {
            this.parameters = parameters;
            this.schedule = schedule;
        }

        /** Momentum factor, {@code >= 0}; default 0 (plain SGD, no state). */
        public Builder optMomentum(double momentum) {
            this.momentum = check("momentum", momentum);
            return this;
        }

        /** Dampening of the gradient added to the momentum buffer, {@code >= 0}; default 0. */
        public Builder optDampening(double dampening) {
            this.dampening = check("dampening", dampening);
            return this;
        }

        /** L2 penalty added to the gradient, {@code >= 0}; default 0. */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = check("weightDecay", weightDecay);
            return this;
        }

        /** Nesterov momentum; needs momentum &gt; 0 and dampening 0; default false. */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Sgd build() {
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0, got momentum="
                        + momentum + ", dampening=" + dampening);
            }
            return new Sgd(this);
        }

        private static double check(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
            }
            return value;
        }
    }
}
