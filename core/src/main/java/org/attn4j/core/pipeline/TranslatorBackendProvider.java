package org.attn4j.core.pipeline;

import java.nio.file.Path;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.spi.Backend;
import org.attn4j.api.spi.BackendProvider;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;

/**
 * A {@link BackendProvider} that can open a model directory as a {@link Translator}, with the
 * plugins (tokenizers, architectures) of a given registry. {@link Translator#open} picks the
 * provider named by {@code runtime.backend} and calls this; both built-in backends ({@code java},
 * {@code onnx}) implement it. Stateless and thread-safe.
 */
public interface TranslatorBackendProvider extends BackendProvider {

    /**
     * Opens {@code modelDir} on this backend; a failure half-way closes whatever was opened.
     *
     * @throws org.attn4j.api.ModelFormatException naming the file when the directory lacks what
     *         this backend needs or a file is corrupt
     * @throws org.attn4j.api.ConfigurationException naming the setting when {@code config}
     *         asks for something this backend cannot do (a device, say)
     */
    Translator openTranslator(Path modelDir, RuntimeConfig config, PluginRegistry plugins);

    /**
     * Opens {@code modelDir} with the plugins discovered on the thread's context class loader (or
     * this provider's own) and wraps the translator as a {@link Backend} named {@link #name()};
     * closing the backend closes the translator.
     */
    @Override
    default Backend open(Path modelDir, RuntimeConfig config) {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        PluginRegistry plugins = PluginDiscovery.discover(l != null ? l : getClass().getClassLoader());
        return new TranslatorBackend(name(), openTranslator(modelDir, config, plugins), config);
    }

    /** An opened model: its translator, under the provider's name and the settings it was opened with. */
    record TranslatorBackend(String name, Translator translator, RuntimeConfig config) implements Backend {
        @Override
        public void close() {
            translator.close();
        }
    }
}
