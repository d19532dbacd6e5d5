package org.attn4j.core.optim;

import java.util.Map;
import org.attn4j.api.Parameter;

/**
 * Updates a fixed set of named {@link Parameter}s from their accumulated gradients, with the
 * formulas of the PyTorch optimizer of the same name.
 *
 * <p>A training step is: {@link #zeroGrad()}, forward and backward (the engine adds into each
 * {@link Parameter#grad()}), optionally {@link GradientClipping#clipGlobalNorm}, then {@link
 * #step()}. A parameter whose gradient was never allocated ({@link Parameter#hasGrad()} false:
 * it took no part in any backward pass) is skipped, as PyTorch skips a parameter whose {@code
 * grad} is {@code None}; each parameter keeps its own update count for bias correction.
 *
 * <p>{@link #state()} and {@link #loadState} expose everything the next update depends on, so a
 * run restored from a checkpoint continues bit-identically. The learning rate comes from a
 * {@link Schedule} evaluated at the 1-based number of the update being made.
 *
 * <pre>{@code
 * Optimizer opt = AdamW.builder(model.namedParameters(), Schedule.constant(3e-4)).build();
 * for (Batch b : batches) {
 *     opt.zeroGrad();
 *     loss(model, b).backward();
 *     GradientClipping.clipGlobalNorm(opt.parameters().values(), 1.0);
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one training thread owns the optimizer and its parameters.
 */
public interface Optimizer {

    /** Short lower-case name ({@code sgd}, {@code adam}, {@code adamw}); prefixes state names. */
    String algorithm();

    /** The parameters this optimizer updates, by name, in a fixed order. */
    Map<String, Parameter> parameters();

    /** Applies one update to every parameter that has a gradient, then counts the step. */
    void step();

    /** Sets every parameter's gradient to zero. */
    void zeroGrad();

    /** Number of {@link #step()} calls made so far (including those restored by {@link #loadState}). */
    long stepCount();

    /** The learning rate the last {@link #step()} used, or NaN before the first step. */
    double lastLr();

    /**
     * A copy of the optimizer's state: the step count, each parameter's update count and every
     * per-parameter buffer. The copy does not change as training goes on.
     */
    OptimizerState state();

    /**
     * Replaces the state with a copy of {@code state}. Everything is checked before anything is
     * changed: on an exception the optimizer is as it was.
     *
     * @throws IllegalArgumentException naming the first difference if the state belongs to
     *     another algorithm, lacks a buffer or parameter, has an extra one, or one of another shape
     */
    void loadState(OptimizerState state);
}
