package org.attn4j.core.pipeline;

import java.util.SplittableRandom;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.config.ModelConfig;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;

/**
 * Builds a model from the {@code model} section: the encoder and decoder providers named there,
 * found in the plugin registry, with parameters initialised from a seeded generator.
 */
public final class ModelFactory {
    private final PluginRegistry plugins;

    public ModelFactory(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    public Seq2SeqModel create(ModelConfig config, int sourceVocabulary, int targetVocabulary, long seed) {
        ModelContext ctx = new ModelContext(sourceVocabulary, targetVocabulary, plugins.attentionFactory(),
                new SplittableRandom(seed));
        Encoder encoder = plugins.get(PluginKind.ENCODER, config.encoder().name()).create(config.encoder().options(), ctx);
        Decoder decoder = plugins.get(PluginKind.DECODER, config.decoder().name())
                .create(config.decoder().options(), encoder, ctx);
        return Seq2SeqModel.of(encoder, decoder);
    }
}
