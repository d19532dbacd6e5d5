package org.attn4j.core.optim;

/**
 * The schedule of "Attention Is All You Need" (Vaswani et al. 2017, section 5.3), scaled:
 *
 * <pre>
 * lr(step) = factor * dModel^-0.5 * min(step^-0.5, step * warmup^-1.5)      step = 1, 2, ...
 * </pre>
 *
 * <p>Linear growth up to {@code step = warmup}, where the two terms meet and the rate peaks at
 * {@code factor / sqrt(dModel * warmup)}; inverse square root decay after.
 *
 * @param dModel the model width, {@code > 0}
 * @param warmup warm-up steps, {@code > 0}
 * @param factor a multiplier, finite and {@code >= 0} (the paper uses 1)
 */
public record NoamSchedule(int dModel, long warmup, double factor) implements Schedule {

    public NoamSchedule {
        if (dModel <= 0) {
            throw new IllegalArgumentException("dModel must be > 0, got " + dModel);
        }
        if (warmup <= 0) {
            throw new IllegalArgumentException("warmup must be > 0 steps, got " + warmup);
        }
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be finite and >= 0, got " + factor);
        }
    }

    @Override
    public double lr(long step) {
        Schedule.checkStep(step);
        double s = step;
        return factor * Math.pow(dModel, -0.5) * Math.min(Math.pow(s, -0.5), s * Math.pow(warmup, -1.5));
    }

    /** The highest rate, reached at {@code step = warmup}. */
    public double peak() {
        return lr(warmup);
    }
}
