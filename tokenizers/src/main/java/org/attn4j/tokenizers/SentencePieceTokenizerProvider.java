package org.attn4j.tokenizers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor;

/**
 * {@code sentencepiece}: a {@link SentencePieceTokenizer} over a SentencePiece {@code .model}
 * file. Options: {@code model} (required: the file), {@code decoding} (sentencepiece; or marian,
 * as Hugging Face's MarianTokenizer decodes), {@code cleanUpSpaces} (false; Hugging Face's
 * clean_up_tokenization_spaces), {@code lowercase} (false), {@code onInvalidChar} (error). It
 * learns nothing: training text is ignored.
 */
public final class SentencePieceTokenizerProvider implements TokenizerProvider {
    public static final OptionSpec MODEL = new OptionSpec("model", "path", "(required)",
            "The SentencePiece .model file (ModelProto); a relative path is resolved against the working directory"
                    + " (or, in a saved tokenizer, its directory).");
    public static final OptionSpec DECODING = new OptionSpec("decoding", "[sentencepiece, marian]", "sentencepiece",
            "How pieces become text: as the SentencePiece library decodes them, or as Hugging Face's MarianTokenizer"
                    + " does with skip_special_tokens (drops <unk>, </s> and <pad>, every \u2581 a space, ends trimmed).");
    public static final OptionSpec CLEAN_UP_SPACES = new OptionSpec("cleanUpSpaces", "boolean", "false",
            "After decoding, Hugging Face's clean_up_tokenization_spaces: no space before . ? ! , and English"
                    + " contractions ('s 'm 've 're n't), \" ' \" as \"'\".");
    private static final List<OptionSpec> OPTIONS = CommonOptions.with(MODEL, DECODING, CLEAN_UP_SPACES);

    @Override
    public String name() {
        return SentencePieceTokenizer.NAME;
    }

    @Override
    public String description() {
        return "SentencePiece unigram or BPE pieces from a .model file, exactly as the reference library; lossless.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    /**
     * @throws ConfigurationException if {@code model} is missing or a setting is invalid
     * @throws ModelFormatException   if the model file is missing, truncated or not a SentencePiece model
     */
    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        return create(options, null, options.where());
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, SentencePieceTokenizer.NAME, (root, options) -> create(options, dir, null));
    }

    private static Tokenizer create(Options options, Path baseDir, String where) {
        CommonOptions.check(options, OPTIONS);
        TextNormalizer checks = CommonOptions.normalizer(options);
        if (!options.has(MODEL.name())) {
            throw new ConfigurationException("'" + (where == null || where.isEmpty() ? "" : where + ".") + MODEL.name()
                    + "' is required: the SentencePiece .model file");
        }
        Path model = Path.of(options.requireString(MODEL.name()));
        if (baseDir != null && !model.isAbsolute()) {
            model = baseDir.resolve(model);
        }
        boolean marian = options.getChoice(DECODING.name(), "sentencepiece", Set.of("sentencepiece", "marian"))
                .equals("marian");
        return new SentencePieceTokenizer(SentencePieceProcessor.load(model), checks, marian,
                options.getBoolean(CLEAN_UP_SPACES.name(), false));
    }
}
