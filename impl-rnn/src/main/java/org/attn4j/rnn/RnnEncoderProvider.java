package org.attn4j.rnn;

import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.spi.EncoderProvider;
import org.attn4j.api.spi.ModelContext;

/** The {@code rnn} encoder: embedding and stacked (bi)GRU/LSTM layers; see {@link RnnEncoder}. */
public final class RnnEncoderProvider implements EncoderProvider {
    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("cell", "gru|lstm", "gru", "recurrent cell"),
            new OptionSpec("embedding_dim", "int", "256", "source embedding size E"),
            new OptionSpec("hidden", "int", "512", "hidden size H per direction"),
            new OptionSpec("layers", "int", "1", "number of stacked layers"),
            new OptionSpec("bidirectional", "boolean", "true", "run a backward direction too (memory is 2H wide)"),
            new OptionSpec("dropout", "float", "0.0", "dropout on embeddings and between layers"));

    @Override
    public String name() {
        return "rnn";
    }

    @Override
    public String description() {
        return "embedding + stacked, optionally bidirectional GRU/LSTM";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Encoder create(Options options, ModelContext context) {
        Options o = Checks.keys(options, OPTIONS);
        return new RnnEncoder(context.sourceVocabularySize(), Checks.positive(o, "embedding_dim", 256),
                Cell.parse(o.where() + ".cell", o.getString("cell", "gru")), Checks.positive(o, "hidden", 512),
                Checks.positive(o, "layers", 1), o.getBoolean("bidirectional", true), Checks.dropout(o), context.rng());
    }
}
