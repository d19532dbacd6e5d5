package org.attn4j.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where training stands when a checkpoint is taken, stored in the checkpoint's {@code
 * training.json} beside the weights and the optimizer state.
 *
 * @param step number of optimizer updates made
 * @param epoch number of completed passes over the training data
 * @param metadata anything else the trainer needs to resume (data position, best score, seed),
 *     as strings; order is kept
 */
public record TrainingState(long step, long epoch, Map<String, String> metadata) {

    public TrainingState {
        if (step < 0 || epoch < 0) {
            throw new IllegalArgumentException("step and epoch must be >= 0, got step=" + step + ", epoch=" + epoch);
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        metadata.forEach((k, v) -> Objects.requireNonNull(v, "metadata " + k));
    }

    /** A state with no metadata. */
    public TrainingState(long step, long epoch) {
        this(step, epoch, Map.of());
    }
}
