package org.attn4j.transformer;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.spi.DecoderProvider;
import org.attn4j.api.spi.ModelContext;

/**
 * The {@code transformer} decoder; see {@link TransformerDecoder} and {@link TransformerSettings}.
 * {@code self_attention} (default {@code causal}) and {@code cross_attention} (default
 * {@code multi-head}) name any attention plugin. It works over any encoder; sharing embeddings
 * needs a {@code transformer} encoder of the same width over one vocabulary.
 */
public final class TransformerDecoderProvider implements DecoderProvider {
    static final List<OptionSpec> OWN = List.of(
            new OptionSpec("self_attention", "block", "{name: causal}", "the self-attention plugin and its options"
                    + " (the decoder adds a causal mask whatever the plugin)"),
            new OptionSpec("cross_attention", "block", "{name: multi-head}", "the attention to the encoder's memory"),
            new OptionSpec("share_embeddings", "boolean", "false", "reuse the encoder's token table (one vocabulary)"),
            new OptionSpec("tie_output", "boolean", "false", "project to the vocabulary with the target embedding table"),
            new OptionSpec("output_bias", "boolean", "false", "with tie_output, a trained bias [V] added to the logits"
                    + " (Marian's final_logits_bias)"));

    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String description() {
        return "Transformer decoder: causal self-attention, cross-attention, feed-forward; key/value cache for stepping";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> all = new ArrayList<>(TransformerSettings.SHARED);
        all.addAll(OWN);
        return all;
    }

    @Override
    public Decoder create(Options options, Encoder encoder, ModelContext context) {
        Options o = TransformerSettings.checkKeys(options, OWN);
        TransformerSettings s = TransformerSettings.read(o);
        Options self = s.attentionBlock(o, "self_attention", "causal");
        Options cross = s.attentionBlock(o, "cross_attention", "multi-head");
        int d = s.dModel();
        int memory = encoder.outputDim();
        if (o.getBoolean("output_bias", false) && !o.getBoolean("tie_output", false)) {
            throw new ConfigurationException("'" + o.where() + ".output_bias' needs '" + o.where()
                    + ".tie_output': true (an own output projection has a bias already)");
        }
        Embedding shared = o.getBoolean("share_embeddings", false) ? sharedTable(o, s, encoder, context) : null;
        return new TransformerDecoder(context.targetVocabularySize(), s, shared, o.getBoolean("tie_output", false),
                o.getBoolean("output_bias", false),
                () -> TransformerEncoderProvider.attention(context, self, d, d, d),
                () -> TransformerEncoderProvider.attention(context, cross, d, memory, d), o.where(), context.rng());
    }

    private static Embedding sharedTable(Options o, TransformerSettings s, Encoder encoder, ModelContext context) {
        String key = "'" + o.where() + ".share_embeddings'";
        if (!(encoder instanceof TransformerEncoder te)) {
            throw new ConfigurationException(key + " needs a transformer encoder, got " + encoder.getClass().getSimpleName());
        }
        if (context.sourceVocabularySize() != context.targetVocabularySize()) {
            throw new ConfigurationException(key + " needs one vocabulary for both sides: the source has "
                    + context.sourceVocabularySize() + " tokens, the target " + context.targetVocabularySize());
        }
        if (te.settings().dModel() != s.dModel()) {
            throw new ConfigurationException(key + " needs the same d_model on both sides: encoder " + te.settings().dModel()
                    + ", decoder " + s.dModel());
        }
        return te.embedding();
    }
}
