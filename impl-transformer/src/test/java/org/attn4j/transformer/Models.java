package org.attn4j.transformer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;

/** Builds small Transformers through plugin discovery, as a configuration would. */
final class Models {
    static final PluginRegistry PLUGINS = PluginDiscovery.discover(Models.class.getClassLoader());

    private Models() {
    }

    /** Small defaults (D 8, 2 heads, 2 + 2 layers, FFN 12, no dropout), overridden by {@code extra}. */
    static Map<String, Object> small(Map<String, ?> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("d_model", 8);
        m.put("heads", 2);
        m.put("layers", 2);
        m.put("ffn_dim", 12);
        m.put("dropout", 0.0);
        m.putAll(extra);
        return m;
    }

    static Seq2SeqModel model(int vocabulary, Map<String, ?> encoder, Map<String, ?> decoder, long seed) {
        return model(vocabulary, vocabulary, encoder, decoder, seed);
    }

    static Seq2SeqModel model(int srcVocabulary, int tgtVocabulary, Map<String, ?> encoder, Map<String, ?> decoder,
            long seed) {
        ModelContext ctx = new ModelContext(srcVocabulary, tgtVocabulary, PLUGINS.attentionFactory(), new SplittableRandom(seed));
        Encoder e = PLUGINS.get(PluginKind.ENCODER, "transformer").create(Options.of("model.encoder", encoder), ctx);
        Decoder d = PLUGINS.get(PluginKind.DECODER, "transformer").create(Options.of("model.decoder", decoder), e, ctx);
        return Seq2SeqModel.of(e, d);
    }
}
