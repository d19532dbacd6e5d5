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
 * {@code opennlp}: OpenNLP's maximum-entropy {@code TokenizerME}. The model comes from the
 * {@code org.apache.opennlp:opennlp-models-tokenizer-en} / {@code -de} jars on the class path
 * (chosen by {@code language}), or from {@code modelFile}; a missing, truncated or wrong-format
 * file is a {@link org.attn4j.api.ModelFormatException} naming it. Words longer than
 * {@code maxWordLength} chars bypass the model (its cost is quadratic in word length) and are
 * split by the simple tokenizer's rules. Saving copies a user's model file into the directory;
 * a class-path model is saved by name and checked on load. Options: {@code lowercase} (false),
 * {@code onInvalidChar} (error), {@code language} (en), {@code modelFile} (none),
 * {@code maxWordLength} (256).
 */
public final class OpenNlpTokenizerProvider implements TokenizerProvider {
    /** The provider name. */
    public static final String NAME = "opennlp";
    private static final List<OptionSpec> OPTIONS = CommonOptions.with(WordSplitters.LANGUAGE, WordSplitters.MODEL_FILE,
            WordSplitters.MAX_WORD_LENGTH);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OpenNLP's maximum-entropy TokenizerME with the published en/de models or a model file.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        return create(options, null, null);
    }

    private Tokenizer create(Options options, Path baseDir, String savedModel) {
        CommonOptions.check(options, OPTIONS);
        TextNormalizer normalizer = CommonOptions.normalizer(options);
        WordSplitters.Built built = WordSplitters.create(NAME, options, baseDir);
        if (baseDir != null) {
            WordSplitters.checkSameModel(built, savedModel, baseDir.resolve(TokenizerFile.FILE_NAME));
        }
        return new WordTokenizer(NAME, normalizer, built,
                Detokenizer.forLanguage((String) built.savedOptions().get(WordSplitters.LANGUAGE.name())));
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, NAME,
                (root, options) -> create(options, dir, root.path("opennlpModel").asText(null)));
    }
}
