package org.attn4j.tokenizers;

import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.TokenizerFile;

/**
 * {@code char}: makes a {@link CharTokenizer}. Options: {@code lowercase} (false),
 * {@code onInvalidChar} (error).
 */
public final class CharTokenizerProvider implements TokenizerProvider {
    private static final List<OptionSpec> OPTIONS = CommonOptions.with();

    @Override
    public String name() {
        return CharTokenizer.NAME;
    }

    @Override
    public String description() {
        return "One token per character (code point plus combining marks); spaces as the token U+2581; lossless.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        CommonOptions.check(options, OPTIONS);
        return new CharTokenizer(CommonOptions.normalizer(options));
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, CharTokenizer.NAME, (root, options) -> create(options, null));
    }
}
