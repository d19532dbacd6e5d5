package org.attn4j.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attn4j.api.Parameter;

/**
 * What every optimizer shares: the parameter list, the step counts, the schedule, and the
 * registry of per-parameter buffers behind {@link #state()} and {@link #loadState}. Subclasses
 * allocate their buffers once in the constructor with {@link #addBuffer} and implement {@link
 * #update} as a loop over flat arrays; nothing is allocated per step.
 */
abstract class BaseOptimizer implements Optimizer {
    private final String algorithm;
    private final Schedule schedule;
    private final Map<String, Parameter> parameters;
    private final String[] names;
    private final Parameter[] params;
    private final long[] parameterSteps;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private final Map<String, int[]> bufferShapes = new LinkedHashMap<>();
    private long step;
    private double lastLr = Double.NaN;

    BaseOptimizer(String algorithm, Map<String, Parameter> parameters, Schedule schedule) {
        this.algorithm = algorithm;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(algorithm + ": no parameters to optimize");
        }
        Map<Parameter, String> seen = new IdentityHashMap<>();
        parameters.forEach((name, p) -> {
            Objects.requireNonNull(p, "parameter " + name);
            String before = seen.put(p, name);
            if (before != null) {
                throw new IllegalArgumentException(algorithm + ": the same parameter is listed as '" + before
                        + "' and '" + name + "'");
            }
        });
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.names = this.parameters.keySet().toArray(new String[0]);
        this.params = this.parameters.values().toArray(new Parameter[0]);
        this.parameterSteps = new long[params.length];
    }

    /** Allocates and registers a zero buffer named {@code <algorithm>.<kind>.<parameter>} for parameter {@code i}. */
    final float[] addBuffer(String kind, int i) {
        float[] b = new float[params[i].size()];
        String name = algorithm + "." + kind + "." + names[i];
        buffers.put(name, b);
        bufferShapes.put(name, params[i].shape());
        return b;
    }

    final int parameterCount() {
        return params.length;
    }

    /**
     * Updates parameter {@code i} in place.
     *
     * @param w the parameter's values (written)
     * @param g its gradient (read only)
     * @param lr the learning rate of this step
     * @param t the parameter's 1-based update count, including this update
     */
    abstract void update(int i, float[] w, float[] g, double lr, long t);

    @Override
    public final String algorithm() {
        return algorithm;
    }

    @Override
    public final Map<String, Parameter> parameters() {
        return parameters;
    }

    @Override
    public final void step() {
        long next = step + 1;
        double lr = schedule.lr(next);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException(algorithm + ": schedule " + schedule + " gave learning rate " + lr
                    + " at step " + next);
        }
        for (int i = 0; i < params.length; i++) {
            if (params[i].hasGrad()) {
                parameterSteps[i]++;
                update(i, params[i].data(), params[i].grad(), lr, parameterSteps[i]);
            }
        }
        step = next;
        lastLr = lr;
    }

    @Override
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public final long stepCount() {
        return step;
    }

    @Override
    public final double lastLr() {
        return lastLr;
    }

    @Override
    public final OptimizerState state() {
        Map<String, OptimizerState.Buffer> copy = new LinkedHashMap<>();
        buffers.forEach((name, b) -> copy.put(name, new OptimizerState.Buffer(bufferShapes.get(name).clone(), b.clone())));
        Map<String, Long> steps = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            steps.put(names[i], parameterSteps[i]);
        }
        return new OptimizerState(algorithm, step, copy, steps);
    }

    @Override
    public final void loadState(OptimizerState state) {
        if (!algorithm.equals(state.algorithm())) {
            throw new IllegalArgumentException("optimizer state is for '" + state.algorithm() + "', this optimizer is '"
                    + algorithm + "'");
        }
        for (String name : buffers.keySet()) {
            OptimizerState.Buffer b = state.buffers().get(name);
            if (b == null) {
                throw new IllegalArgumentException("optimizer state lacks buffer '" + name + "'");
            }
            int[] expected = bufferShapes.get(name);
            if (!Arrays.equals(b.shape(), expected)) {
                throw new IllegalArgumentException("optimizer buffer '" + name + "' has shape " + Arrays.toString(b.shape())
                        + ", the parameter has shape " + Arrays.toString(expected));
            }
        }
        List<String> extra = new ArrayList<>(state.buffers().keySet());
        extra.removeAll(buffers.keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("optimizer state has unexpected buffer '" + extra.get(0) + "'");
        }
        for (String name : names) {
            if (!state.parameterSteps().containsKey(name)) {
                throw new IllegalArgumentException("optimizer state lacks the update count of parameter '" + name + "'");
            }
        }
        List<String> extraParams = new ArrayList<>(state.parameterSteps().keySet());
        extraParams.removeAll(parameters.keySet());
        if (!extraParams.isEmpty()) {
            throw new IllegalArgumentException("optimizer state has unexpected parameter '" + extraParams.get(0) + "'");
        }
        buffers.forEach((name, b) -> System.arraycopy(state.buffers().get(name).values(), 0, b, 0, b.length));
        for (int i = 0; i < names.length; i++) {
            parameterSteps[i] = state.parameterSteps().get(names[i]);
        }
        step = state.step();
        lastLr = step == 0 ? Double.NaN : schedule.lr(step);
    }
}
