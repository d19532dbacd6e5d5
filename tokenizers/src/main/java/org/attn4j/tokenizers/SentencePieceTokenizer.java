package org.attn4j.tokenizers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.AtomicFiles;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor;

/**
 * {@code sentencepiece}: the pieces of a SentencePiece model ({@link SentencePieceProcessor}),
 * exactly as the reference library splits text, so that a model trained with SentencePiece
 * (Marian, T5, ...) sees the ids it was trained on.
 *
 * <p>Normalisation is the model's own (see {@link Tokenizer}): the text's control characters
 * and unpaired surrogates are checked first ({@code onInvalidChar}), lowercased if asked, then
 * normalised by the model ({@code nmt_nfkc}, its precompiled map, ...). {@link #normalize}
 * returns the model's normalised text with {@code ▁} written as a space and the dummy-prefix
 * space dropped. Token offsets index into it: a piece {@code ▁Hello} covers {@code Hello},
 * {@link #surface} strips the word-start marker (and writes any other {@code ▁} as a space);
 * a lone {@code ▁} is an empty token just after its space (at offset 0 for the dummy prefix); byte-fallback pieces
 * ({@code <0xE6>}) are empty tokens at the start of the character they spell. Tokens are the
 * pieces, so a {@link TextCodec}'s vocabulary maps them to ids; an unknown piece is the text it
 * covers (which the vocabulary maps to {@code <unk>}).
 *
 * <p>{@link #detokenize} is the reference decoder: lossless, {@code detokenize(split(text))}
 * equals {@code normalize(text)} for models with the default whitespace settings. Saving writes
 * {@code tokenizer.json} and a copy of the model, {@value #MODEL_FILE}. With the provider's
 * {@code decoding: marian} it decodes as Hugging Face's MarianTokenizer does instead (special
 * tokens dropped, every {@code ▁} a space, trimmed), and {@code cleanUpSpaces} adds Hugging Face's
 * {@code clean_up_tokenization_spaces}; an imported Marian model's target side has both, so its
 * translations read as transformers prints them. Immutable and thread-safe.
 *
 * <pre>{@code
 * Tokenizer sp = tokenizers.create(Options.of("tokenizer", Map.of("name", "sentencepiece", "model", "/m/source.spm")), null);
 * sp.split("Hello world.")   // [▁Hello, ▁world, .]
 * }</pre>
 */
public final class SentencePieceTokenizer implements Tokenizer {
    /** The provider name. */
    public static final String NAME = "sentencepiece";
    /** The model file a saved tokenizer keeps beside {@code tokenizer.json}. */
    public static final String MODEL_FILE = "sentencepiece.model";
    private static final char MARKER = '\u2581';

    /** What MarianTokenizer's {@code skip_special_tokens} drops: its eos, unk and pad tokens. */
    private static final Set<String> MARIAN_SPECIAL = Set.of("</s>", "<unk>", "<pad>");

    private final SentencePieceProcessor processor;
    private final TextNormalizer checks;
    private final boolean marianDecoding;
    private final boolean cleanUpSpaces;

    SentencePieceTokenizer(SentencePieceProcessor processor, TextNormalizer checks, boolean marianDecoding,
            boolean cleanUpSpaces) {
        this.processor = processor;
        this.checks = checks;
        this.marianDecoding = marianDecoding;
        this.cleanUpSpaces = cleanUpSpaces;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The model. */
    public SentencePieceProcessor processor() {
        return processor;
    }

    private String prepare(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String s = checks.checkInvalid(text);
        return checks.lowercase() ? s.toLowerCase(Locale.ROOT) : s;
    }

    /** Characters of the model's normalised text before the first one {@link #normalize} keeps. */
    private int dummyPrefixLength(String spNormalized) {
        return processor.addDummyPrefix() && !processor.treatWhitespaceAsSuffix() && !spNormalized.isEmpty()
                && spNormalized.charAt(0) == MARKER ? 1 : 0;
    }

    private String visible(String spNormalized) {
        String s = spNormalized.substring(dummyPrefixLength(spNormalized));
        if (processor.addDummyPrefix() && processor.treatWhitespaceAsSuffix() && !s.isEmpty()
                && s.charAt(s.length() - 1) == MARKER) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace(MARKER, ' ');
    }

    @Override
    public String normalize(String text) {
        return visible(processor.normalize(prepare(text)));
    }

    @Override
    public List<Token> tokenize(String text) {
        SentencePieceProcessor.Encoding e = processor.encode(prepare(text));
        int shift = dummyPrefixLength(e.normalized());
        int visibleLength = visible(e.normalized()).length();
        int[] ids = e.ids();
        int[] starts = e.starts();
        int[] ends = e.ends();
        List<Token> tokens = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            String piece = e.pieces().get(i);
            int start = starts[i];
            int end = ends[i];
            if (processor.isByte(ids[i])) {
                end = start;
            } else if (!processor.treatWhitespaceAsSuffix() && piece.charAt(0) == MARKER) {
                start++;
            } else if (processor.treatWhitespaceAsSuffix() && piece.charAt(piece.length() - 1) == MARKER) {
                end--;
            }
            start = Math.min(Math.max(start - shift, 0), visibleLength);
            end = Math.min(Math.max(end - shift, start), visibleLength);
            tokens.add(new Token(piece, start, end));
        }
        return tokens;
    }

    /** The piece without its word-start marker (other {@code ▁} as spaces); {@code ""} for a byte piece. */
    @Override
    public String surface(String token) {
        int id = processor.pieceToId(token);
        if (processor.isByte(id) && processor.idToPiece(id).equals(token)) {
            return "";
        }
        String s = token;
        if (!processor.treatWhitespaceAsSuffix() && !s.isEmpty() && s.charAt(0) == MARKER) {
            s = s.substring(1);
        } else if (processor.treatWhitespaceAsSuffix() && !s.isEmpty() && s.charAt(s.length() - 1) == MARKER) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace(MARKER, ' ');
    }

    /** Whether {@code token} is a byte piece, which spells part of a character. */
    public boolean isByteToken(String token) {
        int id = processor.pieceToId(token);
        return processor.isByte(id) && processor.idToPiece(id).equals(token);
    }

    @Override
    public String detokenize(List<String> tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) == null) {
                throw new IllegalArgumentException("token " + i + " is null");
            }
        }
        String text;
        if (marianDecoding) {
            List<String> kept = tokens.stream().filter(t -> !MARIAN_SPECIAL.contains(t)).toList();
            text = pythonStrip(processor.decodePieces(kept).replace(MARKER, ' '));
        } else {
            text = processor.decodePieces(tokens);
        }
        return cleanUpSpaces ? cleanUp(text) : text;
    }

    /** Hugging Face's {@code clean_up_tokenization}, replacement by replacement, in its order. */
    static String cleanUp(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s").replace(" 've", "'ve")
                .replace(" 're", "'re");
    }

    /** Python's {@code str.strip()}: Unicode whitespace (NBSP and U+202F included) off both ends. */
    static String pythonStrip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isPythonSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isPythonSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** Writes {@value #MODEL_FILE} (the model's bytes) and {@code tokenizer.json}, each atomically. */
    @Override
    public void save(Path dir) {
        AtomicFiles.write(dir.resolve(MODEL_FILE), processor.modelBytes());
        Map<String, Object> options = new TreeMap<>(CommonOptions.saved(checks));
        options.put(SentencePieceTokenizerProvider.MODEL.name(), MODEL_FILE);
        if (marianDecoding) {
            options.put(SentencePieceTokenizerProvider.DECODING.name(), "marian");
        }
        if (cleanUpSpaces) {
            options.put(SentencePieceTokenizerProvider.CLEAN_UP_SPACES.name(), true);
        }
        ObjectNode root = TokenizerFile.create(NAME, options);
        root.put("modelType", processor.modelType());
        root.put("pieces", processor.size());
        TokenizerFile.write(dir, root);
    }

    @Override
    public String toString() {
        return "SentencePieceTokenizer[" + processor + ", " + checks + "]";
    }
}
