package org.attn4j.rnn;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.api.spi.DecoderProvider;
import org.attn4j.api.spi.ModelContext;

/**
 * The {@code rnn} decoder; see {@link RnnDecoder}. The {@code attention} block names any
 * attention plugin ({@code {name: additive, dim: 256}}); {@code {name: none}} builds the classic
 * fixed-context encoder–decoder.
 */
public final class RnnDecoderProvider implements DecoderProvider {
    /** The attention name that means "no attention". */
    public static final String NO_ATTENTION = "none";

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("cell", "gru|lstm", "gru", "recurrent cell"),
            new OptionSpec("embedding_dim", "int", "256", "target embedding size E"),
            new OptionSpec("hidden", "int", "512", "hidden size H"),
            new OptionSpec("layers", "int", "1", "number of stacked layers"),
            new OptionSpec("style", "bahdanau|luong", "bahdanau", "where attention sits in the step"),
            new OptionSpec("attention", "block", "{name: additive}", "the attention plugin and its options, or {name: none}"),
            new OptionSpec("input_feeding", "boolean", "true", "luong: feed the previous attentional state to the cell"),
            new OptionSpec("dropout", "float", "0.0", "dropout on embeddings, between layers and on h~"));

    @Override
    public String name() {
        return "rnn";
    }

    @Override
    public String description() {
        return "attentional GRU/LSTM decoder (Bahdanau or Luong style, or no attention)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Decoder create(Options options, Encoder encoder, ModelContext context) {
        Options o = Checks.keys(options, OPTIONS);
        Options att = o.has("attention") ? o.child("attention") : Options.of(o.where() + ".attention",
                java.util.Map.of("name", "additive"));
        String attName = att.requireString("name");
        int hidden = Checks.positive(o, "hidden", 512);
        RnnDecoder.Style style = RnnDecoder.Style.valueOf(
                o.getChoice("style", "bahdanau", Set.of("bahdanau", "luong")).toUpperCase(Locale.ROOT));
        Attention attention = null;
        if (attName.equals(NO_ATTENTION)) {
            att.checkKeys(List.of("name"));
            style = RnnDecoder.Style.NONE;
        } else {
            int memory = encoder.outputDim();
            attention = context.attention().create(attName, new AttentionSpec(hidden, memory, memory, att), context.rng());
        }
        return new RnnDecoder(style, context.targetVocabularySize(), Checks.positive(o, "embedding_dim", 256),
                Cell.parse(o.where() + ".cell", o.getString("cell", "gru")), hidden, Checks.positive(o, "layers", 1),
                encoder.outputDim(), attention, o.getBoolean("input_feeding", true), Checks.dropout(o), context.rng());
    }
}
