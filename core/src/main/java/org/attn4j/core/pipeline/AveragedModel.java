package org.attn4j.core.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.io.FileTrees;
import org.attn4j.core.io.WeightAveraging;

/**
 * A new model directory whose weights are the mean of several checkpoints of a trained model
 * ({@link WeightAveraging}); the configuration and both tokenizers are copied from the model,
 * its {@code checkpoints/} and {@code onnx/} are not (an export must be redone for the new
 * weights).
 *
 * <p>The directory is assembled in a hidden temporary sibling, loaded once as a model (so a
 * checkpoint of another configuration is an error naming the tensor), and only then renamed to
 * its name; on any error nothing is left behind.
 *
 * <pre>{@code
 * ModelDirectory from = new ModelDirectory(Path.of("models/transformer"));
 * List<Path> last3 = Checkpoint.list(from.checkpoints()).subList(n - 3, n);
 * AveragedModel.write(from, last3, Path.of("models/transformer-avg3"), plugins);
 * }</pre>
 */
public final class AveragedModel {
    private AveragedModel() {
    }

    /**
     * Writes the averaged model to {@code out}.
     *
     * @param from a complete trained model directory
     * @param checkpoints two or more checkpoint directories or weight files of that model
     * @param out the new model directory; it must not exist
     * @return the new model, loaded
     * @throws IllegalArgumentException if {@code out} exists or fewer than two checkpoints are given
     */
    public static LoadedModel write(ModelDirectory from, List<Path> checkpoints, Path out, PluginRegistry plugins) {
        from.requireComplete();
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " already exists: the averaged model needs a new directory");
        }
        if (checkpoints.size() < 2) {
            throw new IllegalArgumentException("averaging needs at least two checkpoints, got " + checkpoints.size());
        }
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // a temporary directory is private (rwx------); the model gets its source's permissions
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(from.root()));
            }
            ModelDirectory staged = new ModelDirectory(tmp);
            Files.copy(from.config(), staged.config());
            FileTrees.copy(from.source(), staged.source());
            FileTrees.copy(from.target(), staged.target());
            WeightAveraging.average(checkpoints, staged.weights());
            LoadedModel m = LoadedModel.load(staged, plugins);
            Files.move(tmp, out);
            tmp = null;
            return new LoadedModel(new ModelDirectory(out), m.config(), m.source(), m.target(), m.model());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the averaged model to " + out + ": " + e, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            FileTrees.delete(tmp);
        } catch (IOException ignored) {
            // a hidden leftover in the parent directory; the error that brought us here matters more
        }
    }
}
