package org.attn4j.core.optim;

/**
 * A learning rate as a function of the optimizer step.
 *
 * <p><b>Step counting starts at 1.</b> {@code lr(1)} is the rate of the first update, {@code
 * lr(n)} the rate of the n-th; an {@link Optimizer} that has made {@code k} updates asks for
 * {@code lr(k + 1)}. Calling {@code lr} with a step below 1 is an error. This matches the
 * Transformer paper's formula, which is undefined at step 0.
 *
 * <p>Implementations are pure functions of the step (no state), so a resumed run gets the same
 * rates as an uninterrupted one, and are safe to share between threads.
 *
 * <pre>{@code
 * Schedule noam = Schedule.noam(512, 4000, 1.0);       // peaks at step 4000
 * Schedule cosine = Schedule.warmupCosine(3e-4, 1000, 100_000, 3e-5);
 * }</pre>
 */
@FunctionalInterface
public interface Schedule {

    /**
     * The learning rate of update number {@code step}.
     *
     * @param step the 1-based number of the update
     * @return a finite rate {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 1}
     */
    double lr(long step);

    /** The same rate at every step. */
    static Schedule constant(double lr) {
        return new ConstantSchedule(lr);
    }

    /**
     * The Transformer ("Noam") schedule: {@code factor * dModel^-0.5 * min(step^-0.5, step *
     * warmup^-1.5)}. It rises linearly for {@code warmup} steps, peaks at {@code step = warmup}
     * with {@code factor / sqrt(dModel * warmup)}, then decays as {@code 1/sqrt(step)}.
     */
    static Schedule noam(int dModel, long warmup, double factor) {
        return new NoamSchedule(dModel, warmup, factor);
    }

    /**
     * Linear warm-up from {@code peak / warmup} to {@code peak} over steps {@code 1..warmup},
     * then half-cosine decay reaching {@code min} at step {@code total}, and {@code min} after.
     */
    static Schedule warmupCosine(double peak, long warmup, long total, double min) {
        return new WarmupCosineSchedule(peak, warmup, total, min);
    }

    /** Throws unless {@code step >= 1}; for implementations. */
    static void checkStep(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("schedule steps count from 1, got " + step);
        }
    }
}
