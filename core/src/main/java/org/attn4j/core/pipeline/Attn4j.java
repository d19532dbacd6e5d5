package org.attn4j.core.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import org.attn4j.core.inject.PluginDiscovery;

/**
 * One-line entry points for host applications that do not use Guice: plugins are discovered on
 * the calling thread's context class loader.
 * <pre>{@code
 * try (Translator t = Attn4j.load(Path.of("model"))) {
 *     String fr = t.translate(List.of("I like cats."), new GreedySearch(0), false).get(0).text();
 * }
 * }</pre>
 */
public final class Attn4j {
    private Attn4j() {
    }

    /** Opens a trained model directory on the backend its configuration names ({@code runtime.backend}). */
    public static Translator load(Path modelDir) {
        return Translator.open(modelDir, PluginDiscovery.discover(PluginDiscovery.contextLoader()));
    }

    /**
     * Opens a trained model directory on {@code backend} ({@code java}, {@code onnx}) instead of
     * the configured one; null keeps the configured one.
     */
    public static Translator load(Path modelDir, String backend) {
        return Translator.open(modelDir, PluginDiscovery.discover(PluginDiscovery.contextLoader()), backend);
    }

    /** Trains from a configuration file into {@code out} (resuming if {@code out} holds a checkpoint). */
    public static TrainingRun.Result train(Path config, Path out, PrintStream log) {
        return new TrainingRun(PluginDiscovery.discover(PluginDiscovery.contextLoader()), log).run(config, out);
    }
}
