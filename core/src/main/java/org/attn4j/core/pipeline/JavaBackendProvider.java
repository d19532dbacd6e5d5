package org.attn4j.core.pipeline;

import java.nio.file.Path;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.internal.kernel.FrozenWeights;

/**
 * The {@code java} backend: the model runs on attn4j's own eager engine, in this JVM, with no
 * native code beyond an optional BLAS. Registered in META-INF/services like every backend. Of
 * the runtime settings it uses none: the engine sizes its own thread pool, and {@code device}
 * must be {@code cpu}.
 */
public final class JavaBackendProvider implements TranslatorBackendProvider {
    public static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "attn4j's pure-Java eager engine";
    }

    @Override
    public Translator openTranslator(Path modelDir, RuntimeConfig config, PluginRegistry plugins) {
        if (!config.device().equals("cpu")) {
            throw new org.attn4j.api.ConfigurationException("'runtime.device' is '" + config.device()
                    + "', but the java backend runs on the cpu only; use backend onnx for a GPU");
        }
        LoadedModel m = LoadedModel.load(new ModelDirectory(modelDir), plugins);
        // This Translator owns the model and never trains it: the engine may keep derived
        // copies of its weights (see FrozenWeights).
        m.model().parameters().forEach(p -> FrozenWeights.freeze(p.data()));
        return new Translator(m.model(), m.source(), m.target());
    }
}
