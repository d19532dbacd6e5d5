package org.attn4j.tokenizers;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.TokenizerFile;

/**
 * {@code wordpiece}: makes a {@link WordPieceTokenizer} from a BERT {@code vocab.txt}. Options:
 * {@code lowercase} (false; BERT's uncased models set it), {@code onInvalidChar} (error; unused
 * with {@code cleanText}), {@code vocab} (required), {@code stripAccents} (auto),
 * {@code cleanText} (false), {@code chineseChars} (true), {@code continuationPrefix} (##),
 * {@code maxWordChars} (100).
 *
 * <pre>{@code
 * Tokenizer bert = provider.create(Options.of("tokenizer", Map.of("vocab", "vocab.txt",
 *         "lowercase", true, "cleanText", true)), null);
 * }</pre>
 */
public final class WordPieceTokenizerProvider implements TokenizerProvider {
    public static final OptionSpec VOCAB = new OptionSpec("vocab", "path", "required",
            "The vocabulary: one token a line, id = line number from 0 (BERT's vocab.txt).");
    public static final OptionSpec STRIP_ACCENTS = new OptionSpec("stripAccents", "[auto, always, never]", "auto",
            "Remove accents (NFD, then non-spacing marks): auto does it when lowercasing, as BERT's strip_accents: None.");
    public static final OptionSpec CLEAN_TEXT = new OptionSpec("cleanText", "boolean", "false",
            "BERT's cleanup: drop NUL, U+FFFD and control, format, unassigned and private-use characters instead of"
                    + " applying onInvalidChar.");
    public static final OptionSpec CHINESE_CHARS = new OptionSpec("chineseChars", "boolean", "true",
            "Make every CJK ideograph a word of its own.");
    public static final OptionSpec CONTINUATION_PREFIX = new OptionSpec("continuationPrefix", "string", "##",
            "The prefix of the pieces that continue a word.");
    public static final OptionSpec MAX_WORD_CHARS = new OptionSpec("maxWordChars", "int", "100",
            "A longer word (in code points) is not split: it is one unknown token.");
    private static final List<OptionSpec> OPTIONS = CommonOptions.with(VOCAB, STRIP_ACCENTS, CLEAN_TEXT, CHINESE_CHARS,
            CONTINUATION_PREFIX, MAX_WORD_CHARS);

    @Override
    public String name() {
        return WordPieceTokenizer.NAME;
    }

    @Override
    public String description() {
        return "BERT's WordPiece over a vocab.txt (basic tokenizer, greedy longest-match pieces with ##).";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    /** A tokenizer over the {@code vocab} file the options name; {@code trainingText} is ignored. */
    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        CommonOptions.check(options, OPTIONS);
        return build(options, Path.of(options.requireString(VOCAB.name())));
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, WordPieceTokenizer.NAME,
                (root, options) -> build(CommonOptions.check(options, OPTIONS), dir.resolve(WordPieceTokenizer.VOCAB_FILE)));
    }

    private static Tokenizer build(Options options, Path vocabFile) {
        TextNormalizer base = CommonOptions.normalizer(options);
        String strip = options.getChoice(STRIP_ACCENTS.name(), "auto", Set.of("auto", "always", "never"));
        boolean clean = options.getBoolean(CLEAN_TEXT.name(), false);
        boolean chinese = options.getBoolean(CHINESE_CHARS.name(), true);
        String prefix = options.getString(CONTINUATION_PREFIX.name(), "##");
        if (prefix.isEmpty()) {
            throw new ConfigurationException("'" + options.where() + "." + CONTINUATION_PREFIX.name()
                    + "' must not be empty");
        }
        int maxChars = CommonOptions.intAtLeast(options, MAX_WORD_CHARS.name(), 100, 1);
        List<String> vocabulary = readVocabulary(vocabFile);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.put(vocabulary.get(i), i); // a repeated token keeps its last line, as Hugging Face's load_vocab
        }
        Map<String, Object> saved = new LinkedHashMap<>(CommonOptions.saved(base));
        saved.put(VOCAB.name(), WordPieceTokenizer.VOCAB_FILE);
        saved.put(STRIP_ACCENTS.name(), strip);
        saved.put(CLEAN_TEXT.name(), clean);
        saved.put(CHINESE_CHARS.name(), chinese);
        saved.put(CONTINUATION_PREFIX.name(), prefix);
        saved.put(MAX_WORD_CHARS.name(), maxChars);
        boolean stripAccents = strip.equals("always") || (strip.equals("auto") && base.lowercase());
        return new WordPieceTokenizer(base, clean, stripAccents, chinese, prefix, maxChars, vocabulary, ids, saved);
    }

    /** The lines of {@code file} (UTF-8; line ends \n, \r\n or \r, as Python's universal newlines). */
    static List<String> readVocabulary(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; the wordpiece tokenizer needs its vocabulary file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file + ": not UTF-8 text: " + e, e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read: " + e, e);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        if (lines.isEmpty()) {
            throw new ModelFormatException(file + ": empty; a WordPiece vocabulary holds one token a line");
        }
        return lines;
    }
}
