package org.attn4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.attn4j.api.Module;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Parameter;
import org.attn4j.core.optim.Optimizer;
import org.attn4j.core.optim.OptimizerState;

/**
 * Training checkpoints: the model's weights, the optimizer's state and the training position,
 * saved so that a resumed run continues bit-identically, and written so that a crash never
 * leaves a damaged or half-written checkpoint in place of the last good one.
 *
 * <p>A run's checkpoints live under one root directory (layout in {@code docs/checkpoints.md}):
 *
 * <pre>
 * root/
 *   latest                       one line: the name of the newest complete checkpoint
 *   step-000000001200/
 *     weights.safetensors        the parameters under Module.namedParameters() names (F32)
 *     optimizer.safetensors      buffers (adam.m.&lt;param&gt;, ...) and update counts (I64)
 *     training.json              step, epoch, optimizer algorithm, trainer metadata
 * </pre>
 *
 * <p>{@link #save} builds a checkpoint in a temporary directory, forces every file to disk,
 * renames the directory into place and only then replaces {@code latest} (itself written to a
 * temporary file and renamed). Loading checks every tensor's name, dtype and shape against the
 * model and the optimizer, and the files' checksums, before it changes anything; errors are
 * {@link ModelFormatException}s that name the file and the first mismatch, for instance {@code
 * .../weights.safetensors: tensor 'decoder.out.weight' has shape [6000, 512], the model expects
 * [6000, 256]}.
 *
 * <pre>{@code
 * Path dir = Checkpoint.save(runDir, model, optimizer, new TrainingState(step, epoch), 3);
 * ...
 * TrainingState resumed = Checkpoint.restore(runDir, model, optimizer);   // newest checkpoint
 * Checkpoint.loadInto(otherModel, dir);                                   // weights only
 * }</pre>
 *
 * <p>Not thread-safe with respect to training: save between steps, from the training thread.
 * One process at a time may save into a root.
 */
public final class Checkpoint {
    /** The model's weights in a checkpoint or model directory. */
    public static final String WEIGHTS_FILE = "weights.safetensors";
    /** The optimizer state in a checkpoint directory. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** The training position in a checkpoint directory. */
    public static final String TRAINING_FILE = "training.json";
    /** The pointer to the newest checkpoint in a root directory. */
    public static final String LATEST_FILE = CheckpointDirectory.LATEST;
    /** Weights metadata key holding the step at which they were saved. */
    public static final String STEP_METADATA = "attn4j.step";

    private Checkpoint() {
    }

    /** {@link #save(Path, Module, Optimizer, TrainingState, int)} keeping every checkpoint. */
    public static Path save(Path root, Module model, Optimizer optimizer, TrainingState state) {
        return save(root, model, optimizer, state, 0);
    }

    /**
     * Saves a checkpoint named after {@code state.step()} under {@code root} (created if needed),
     * makes it the {@code latest}, and deletes older ones beyond {@code keep}.
     *
     * @param optimizer the optimizer whose state to save, or null to save weights and position only
     * @param keep how many checkpoints to keep, the new one included, by highest step; 0 keeps all
     * @return the new checkpoint's directory
     * @throws UncheckedIOException if writing fails; the previous checkpoints and {@code latest} are
     *     then as they were, and no temporary file is left
     */
    public static Path save(Path root, Module model, Optimizer optimizer, TrainingState state, int keep) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0 (0 keeps all), got " + keep);
        }
        try {
            Files.createDirectories(root);
            CheckpointDirectory.removeLeftovers(root);
            String name = CheckpointDirectory.freeName(root, state.step());
            Path tmp = CheckpointDirectory.createTemp(root, name);
            try {
                SafeTensors.write(tmp.resolve(WEIGHTS_FILE), WeightsFile.entries(model.namedParameters()),
                        Map.of(STEP_METADATA, Long.toString(state.step())));
                if (optimizer != null) {
                    OptimizerFile.write(tmp.resolve(OPTIMIZER_FILE), optimizer.state(), optimizer.toString());
                }
                AtomicFiles.write(tmp.resolve(TRAINING_FILE),
                        TrainingStateJson.encode(state, optimizer == null ? null : optimizer.algorithm()));
                AtomicFiles.fsyncDirectory(tmp);
            } catch (Throwable t) {
                AtomicFiles.deleteQuietly(tmp, t);
                throw t;
            }
            Path dir = CheckpointDirectory.publish(root, tmp, name);
            CheckpointDirectory.prune(root, keep, name);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a checkpoint in " + root + ": " + e, e);
        }
    }

    /** The newest complete checkpoint under {@code root}, or empty if none was saved there. */
    public static Optional<Path> latest(Path root) {
        return CheckpointDirectory.latest(root);
    }

    /**
     * Loads the weights, the optimizer state and the training position of a checkpoint.
     * Everything is checked first (names, dtypes, shapes, checksums, algorithm); on an exception
     * neither the model nor the optimizer has been changed, except by an I/O error while the
     * weights are being read, which the exception reports.
     *
     * @param path a checkpoint directory, or a root directory (its {@code latest} is used)
     * @param optimizer the optimizer to restore, or null to load the weights and position only
     * @return the training position saved with the checkpoint
     */
    public static TrainingState restore(Path path, Module model, Optimizer optimizer) {
        Path dir = checkpointDirectory(path);
        TrainingStateJson.Content training = TrainingStateJson.read(dir.resolve(TRAINING_FILE));
        OptimizerState optimizerState = null;
        Path optimizerFile = dir.resolve(OPTIMIZER_FILE);
        if (optimizer != null) {
            if (training.optimizer() == null) {
                throw new ModelFormatException(dir + ": the checkpoint was saved without optimizer state; "
                        + "restore it with a null optimizer to load the weights alone");
            }
            optimizerState = OptimizerFile.read(optimizerFile, optimizer.algorithm());
        }
        Map<String, Parameter> params = model.namedParameters();
        try (SafeTensorsReader weights = SafeTensors.open(dir.resolve(WEIGHTS_FILE))) {
            WeightsFile.check(weights, params);
            weights.verifyChecksum();
            if (optimizerState != null) {
                try {
                    optimizer.loadState(optimizerState);
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(optimizerFile + ": " + e.getMessage(), e);
                }
            }
            WeightsFile.load(weights, params);
        }
        return training.state();
    }

    /**
     * Loads a model's weights, checking every name, dtype and shape (and the checksum, when the
     * file has one) before changing any parameter.
     *
     * @param path a weights file (any safetensors file with the model's tensor names), a checkpoint
     *     or model directory holding {@code weights.safetensors}, or a checkpoint root
     */
    public static void loadInto(Module model, Path path) {
        Path file = weightsFile(path);
        Map<String, Parameter> params = model.namedParameters();
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            WeightsFile.check(r, params);
            r.verifyChecksum();
            WeightsFile.load(r, params);
        }
    }

    /**
     * The weights file {@code path} stands for: {@code path} itself if it is a file, else the
     * {@code weights.safetensors} of the checkpoint or model directory, or of a checkpoint root's
     * {@code latest}.
     */
    public static Path weightsFile(Path path) {
        return Files.isRegularFile(path) ? path : checkpointDirectory(path).resolve(WEIGHTS_FILE);
    }

    /** The checkpoints under {@code root} ({@code step-*} directories), oldest (lowest step) first. */
    public static List<Path> list(Path root) {
        try {
            return CheckpointDirectory.byStep(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints in " + root + ": " + e, e);
        }
    }

    /**
     * Writes a model's weights to a safetensors file, atomically, under {@code
     * Module.namedParameters()} names, for a model directory or another tool.
     */
    public static void saveWeights(Path file, Module model, Map<String, String> metadata) {
        SafeTensors.write(file, WeightsFile.entries(model.namedParameters()), metadata);
    }

    private static Path checkpointDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new ModelFormatException(path + ": no such checkpoint directory");
        }
        if (Files.exists(path.resolve(WEIGHTS_FILE)) || Files.exists(path.resolve(TRAINING_FILE))) {
            return path;
        }
        if (Files.exists(path.resolve(LATEST_FILE))) {
            return CheckpointDirectory.latest(path).orElseThrow();
        }
        throw new ModelFormatException(path + ": not a checkpoint: it holds no " + WEIGHTS_FILE + ", " + TRAINING_FILE
                + " or " + LATEST_FILE);
    }
}
