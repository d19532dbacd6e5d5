package org.attn4j.tokenizers;

import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.attn4j.tokenizers.internal.WordSplitters;

/**
 * {@code whitespace}: tokens are the space-separated runs of the normalised text, and
 * {@link Tokenizer#detokenize} joins them with single spaces, so it is lossless. Options:
 * {@code lowercase} (false), {@code onInvalidChar} (error).
 */
public final class WhitespaceTokenizerProvider implements TokenizerProvider {
    /** The provider name. */
    public static final String NAME = "whitespace";
    private static final List<OptionSpec> OPTIONS = CommonOptions.with();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Splits on spaces after Unicode normalisation; lossless detokenisation.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        CommonOptions.check(options, OPTIONS);
        return new WordTokenizer(NAME, CommonOptions.normalizer(options),
                WordSplitters.create(NAME, Options.empty(options.where()), null), null);
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, NAME, (root, options) -> create(options, null));
    }
}
