package org.attn4j.core.optim;

/**
 * The same learning rate at every step.
 *
 * @param rate the learning rate, finite and {@code >= 0}
 */
public record ConstantSchedule(double rate) implements Schedule {

    public ConstantSchedule {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + rate);
        }
    }

    @Override
    public double lr(long step) {
        Schedule.checkStep(step);
        return rate;
    }
}
