package org.attn4j.transformer;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.api.spi.EncoderProvider;
import org.attn4j.api.spi.ModelContext;

/**
 * The {@code transformer} encoder; see {@link TransformerEncoder} and {@link TransformerSettings}.
 * The {@code self_attention} block names any attention plugin (default {@code multi-head});
 * each layer gets its own module of it.
 */
public final class TransformerEncoderProvider implements EncoderProvider {
    static final List<OptionSpec> OWN = List.of(
            new OptionSpec("self_attention", "block", "{name: multi-head}", "the self-attention plugin and its options"),
            new OptionSpec("token_types", "int", "0", "rows of a token-type (segment) embedding table added to the"
                    + " token embeddings, as BERT's; 0 for none"),
            new OptionSpec("embedding_norm", "boolean", "false", "a layer norm over the summed embeddings (BERT)"));

    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String description() {
        return "Transformer encoder: embeddings + positions, N layers of self-attention and feed-forward (post- or pre-norm)";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> all = new ArrayList<>(TransformerSettings.SHARED);
        all.addAll(OWN);
        return all;
    }

    @Override
    public Encoder create(Options options, ModelContext context) {
        Options o = TransformerSettings.checkKeys(options, OWN);
        TransformerSettings s = TransformerSettings.read(o);
        Options block = s.attentionBlock(o, "self_attention", "multi-head");
        int d = s.dModel();
        int types = o.getInt("token_types", 0);
        if (types < 0) {
            throw new ConfigurationException("'" + o.where() + ".token_types' must be 0 or more, got " + types);
        }
        return new TransformerEncoder(context.sourceVocabularySize(), s, types, o.getBoolean("embedding_norm", false),
                () -> attention(context, block, d, d, d), o.where(), context.rng());
    }

    /** A new attention module from {@code block} whose output must be {@code dModel} wide (the residual sum). */
    static Attention attention(ModelContext context, Options block, int queryDim, int memoryDim, int dModel) {
        Attention a = context.attention().create(block.requireString("name"),
                new AttentionSpec(queryDim, memoryDim, memoryDim, block), context.rng());
        if (a.outputDim() != dModel) {
            throw new ConfigurationException("'" + block.where() + "' gives vectors of size " + a.outputDim()
                    + "; the residual connections need d_model (" + dModel + ")");
        }
        return a;
    }
}
