package org.attn4j.core.pipeline;

import java.util.List;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.config.Attn4jConfig;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.Tokenizers;

/**
 * A trained model read from its directory: the configuration, both text codecs, and the model
 * with its best weights loaded. What the Java backend decodes with and what ONNX export traces.
 *
 * @param directory the model directory
 * @param config    its {@code config.json}
 * @param source    the source tokenizer and vocabulary
 * @param target    the target tokenizer and vocabulary
 * @param model     the model, weights loaded from {@code weights.safetensors}
 */
public record LoadedModel(ModelDirectory directory, Attn4jConfig config, TextCodec source, TextCodec target,
        Seq2SeqModel model) {

    /** Reads a complete model directory; plugins (architectures, tokenizers) come from {@code plugins}. */
    public static LoadedModel load(ModelDirectory md, PluginRegistry plugins) {
        md.requireComplete();
        Attn4jConfig config = new ConfigReader().read(md.config(), plugins);
        Codecs codecs = codecs(md, plugins);
        Seq2SeqModel model = new ModelFactory(plugins).create(config.model(), codecs.source.vocabulary().size(),
                codecs.target.vocabulary().size(), config.training().seed());
        Checkpoint.loadInto(model, md.weights());
        return new LoadedModel(md, config, codecs.source, codecs.target, model);
    }

    /**
     * The source and target tokenizers and vocabularies of a model directory.
     *
     * @param source the source codec
     * @param target the target codec
     */
    public record Codecs(TextCodec source, TextCodec target) {
    }

    /** Reads only the text codecs of {@code md} (backends that do not need the Java model). */
    public static Codecs codecs(ModelDirectory md, PluginRegistry plugins) {
        Tokenizers tokenizers = Tokenizers.of(List.copyOf(plugins.all(PluginKind.TOKENIZER).values()));
        return new Codecs(TextCodec.load(md.source(), tokenizers), TextCodec.load(md.target(), tokenizers));
    }
}
