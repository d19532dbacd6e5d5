package org.attn4j.core.pipeline;

import java.nio.file.Path;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.spi.BackendProvider;
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
}
