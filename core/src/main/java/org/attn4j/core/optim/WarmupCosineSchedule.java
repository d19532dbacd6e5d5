package org.attn4j.core.optim;

/**
 * Linear warm-up, then cosine decay to a floor:
 *
 * <pre>
 * lr(step) = peak * step / warmup                                     1 &lt;= step &lt;= warmup
 *          = min + (peak - min) * (1 + cos(pi * p)) / 2,
 *                p = (step - warmup) / (total - warmup)               warmup &lt; step &lt;= total
 *          = min                                                      step &gt; total
 * </pre>
 *
 * <p>So {@code lr(warmup) = peak} and {@code lr(total) = min}; with {@code warmup = 0} the decay
 * starts at the first step.
 *
 * @param peak the rate at the end of warm-up, finite and {@code >= min}
 * @param warmup warm-up steps, {@code 0 <= warmup < total}
 * @param total the step at which the rate reaches {@code min}
 * @param min the final rate, finite and {@code >= 0}
 */
public record WarmupCosineSchedule(double peak, long warmup, long total, double min) implements Schedule {

    public WarmupCosineSchedule {
        if (!(min >= 0) || Double.isInfinite(min)) {
            throw new IllegalArgumentException("min rate must be finite and >= 0, got " + min);
        }
        if (!(peak >= min) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("peak rate must be finite and >= min (" + min + "), got " + peak);
        }
        if (warmup < 0 || total <= warmup) {
            throw new IllegalArgumentException("need 0 <= warmup < total, got warmup=" + warmup + ", total=" + total);
        }
    }

    @Override
    public double lr(long step) {
        Schedule.checkStep(step);
        if (step <= warmup) {
            return peak * step / warmup;
        }
        if (step >= total) {
            return min;
        }
        double progress = (double) (step - warmup) / (total - warmup);
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
