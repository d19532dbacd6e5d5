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
 * {@code opennlp-simple}: OpenNLP's {@code SimpleTokenizer}, which starts a new token wherever
 * the character class (letter, digit, other) changes, keeping runs of one repeated punctuation
 * mark together ({@code ...}). No model, fast. Detokenises with {@link Detokenizer} rules for
 * {@code language}. Options: {@code lowercase} (false), {@code onInvalidChar} (error),
 * {@code language} (en).
 */
public final class SimpleTokenizerProvider implements TokenizerProvider {
    /** The provider name. */
    public static final String NAME = "opennlp-simple";
    private static final List<OptionSpec> OPTIONS = CommonOptions.with(WordSplitters.LANGUAGE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OpenNLP's rule-based SimpleTokenizer (splits where the character class changes).";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        CommonOptions.check(options, OPTIONS);
        WordSplitters.Built built = WordSplitters.create(NAME, options, null);
        return new WordTokenizer(NAME, CommonOptions.normalizer(options), built,
                Detokenizer.forLanguage((String) built.savedOptions().get(WordSplitters.LANGUAGE.name())));
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, NAME, (root, options) -> create(options, null));
    }
}
