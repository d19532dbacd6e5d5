package org.attn4j.core.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an {@link Optimizer}'s next update depends on besides the parameters and their
 * gradients.
 *
 * <p>Buffer names are {@code <algorithm>.<buffer>.<parameter>}, for instance {@code
 * adam.m.decoder.out.weight}, {@code adam.v.decoder.out.weight} or {@code
 * sgd.momentum.encoder.rnn.W}; each buffer has its parameter's shape. {@code parameterSteps}
 * holds, by parameter name, how many updates each parameter has received (Adam's bias
 * correction uses it). The maps keep their order and are unmodifiable; the arrays are not
 * copied here: {@link Optimizer#state()} hands out fresh ones and {@link Optimizer#loadState}
 * copies them in.
 *
 * @param algorithm the {@link Optimizer#algorithm()} that made the state
 * @param step the optimizer's step count
 * @param buffers per-parameter buffers by name
 * @param parameterSteps update count of each parameter, by parameter name
 */
public record OptimizerState(String algorithm, long step, Map<String, Buffer> buffers,
        Map<String, Long> parameterSteps) {

    public OptimizerState {
        Objects.requireNonNull(algorithm, "algorithm");
        if (step < 0) {
            throw new IllegalArgumentException("optimizer step count must be >= 0, got " + step);
        }
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
        parameterSteps = Collections.unmodifiableMap(new LinkedHashMap<>(parameterSteps));
        buffers.forEach((k, v) -> Objects.requireNonNull(v, "buffer " + k));
        parameterSteps.forEach((k, v) -> {
            if (v == null || v < 0 || v > step) {
                throw new IllegalArgumentException("parameter '" + k + "' has update count " + v
                        + ", expected 0.." + step);
            }
        });
    }

    /**
     * One per-parameter buffer.
     *
     * @param shape its parameter's shape
     * @param values row-major values; {@code values.length} is the product of {@code shape}
     */
    public record Buffer(int[] shape, float[] values) {
        public Buffer {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in buffer shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("buffer of shape " + Arrays.toString(shape) + " needs " + n
                        + " values, got " + values.length);
            }
        }
    }
}
