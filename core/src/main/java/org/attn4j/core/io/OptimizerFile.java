package org.attn4j.core.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.core.optim.OptimizerState;

/**
 * An {@link OptimizerState} as a safetensors file: each buffer an F32 tensor under its own name
 * ({@code adam.m.<parameter>}) and shape, each parameter's update count an I64 scalar {@code
 * <algorithm>.step.<parameter>}, and the algorithm and step count in the metadata.
 */
final class OptimizerFile {
    static final String ALGORITHM_KEY = "attn4j.optimizer";
    static final String STEP_KEY = "attn4j.optimizer.step";
    static final String SETTINGS_KEY = "attn4j.optimizer.settings";

    private OptimizerFile() {
    }

    static void write(Path file, OptimizerState state, String settings) {
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        state.buffers().forEach((name, b) -> tensors.put(name, new TensorEntry.F32(b.shape(), b.values())));
        state.parameterSteps().forEach((param, t) ->
                tensors.put(stepName(state.algorithm(), param), new TensorEntry.I64(new int[0], new long[] {t})));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ALGORITHM_KEY, state.algorithm());
        metadata.put(STEP_KEY, Long.toString(state.step()));
        metadata.put(SETTINGS_KEY, settings);
        SafeTensors.write(file, tensors, metadata);
    }

    private static String stepName(String algorithm, String param) {
        return algorithm + ".step." + param;
    }

    /** Reads the state of an {@code algorithm} optimizer, checking the file and its checksum. */
    static OptimizerState read(Path file, String algorithm) {
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            r.verifyChecksum();
            String stored = r.metadata().get(ALGORITHM_KEY);
            if (stored == null) {
                throw new ModelFormatException(file + ": no " + ALGORITHM_KEY + " in the metadata: not an attn4j optimizer file");
            }
            if (!stored.equals(algorithm)) {
                throw new ModelFormatException(file + ": holds the state of a '" + stored + "' optimizer, the optimizer is '"
                        + algorithm + "'");
            }
            long step = parseStep(file, r.metadata().get(STEP_KEY));
            String stepPrefix = algorithm + ".step.";
            Map<String, OptimizerState.Buffer> buffers = new LinkedHashMap<>();
            Map<String, Long> steps = new LinkedHashMap<>();
            for (TensorInfo t : r.tensors().values()) {
                if (t.dtype() == SafeTensorsDType.I64 && t.name().startsWith(stepPrefix) && t.shape().length == 0) {
                    steps.put(t.name().substring(stepPrefix.length()), r.readLongs(t.name())[0]);
                } else if (t.dtype() == SafeTensorsDType.F32) {
                    TensorEntry.F32 e = (TensorEntry.F32) r.read(t.name());
                    buffers.put(t.name(), new OptimizerState.Buffer(e.shape(), e.values()));
                } else {
                    throw new ModelFormatException(file + ": tensor '" + t.name() + "' (" + t.dtype() + " " + t.shapeString()
                            + ") is neither an F32 buffer nor an I64 scalar " + stepPrefix + "<parameter>");
                }
            }
            try {
                return new OptimizerState(algorithm, step, buffers, steps);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static long parseStep(Path file, String value) {
        try {
            long step = Long.parseLong(value);
            if (step >= 0) {
                return step;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelFormatException(file + ": metadata " + STEP_KEY + " is '" + value + "', not a step count");
    }
}
