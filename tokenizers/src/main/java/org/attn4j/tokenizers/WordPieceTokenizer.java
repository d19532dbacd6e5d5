package org.attn4j.tokenizers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.AtomicFiles;
import org.attn4j.tokenizers.internal.BertText;
import org.attn4j.tokenizers.internal.TokenizerFile;

/**
 * {@code wordpiece}: BERT's tokenizer (Devlin et al. 2019; Hugging Face's {@code BertTokenizer}
 * with its {@code BasicTokenizer} and {@code WordpieceTokenizer}) over a {@code vocab.txt}.
 *
 * <p>Normalisation ({@link #normalize}), in order:
 * <ol>
 *   <li>with {@code cleanText} (what BERT does): NUL, U+FFFD and every control, format,
 *       unassigned, private-use or surrogate character is dropped, tab, line feed, carriage
 *       return and the Zs spaces become spaces, then Unicode NFC and, with {@code lowercase},
 *       lowercasing ({@link Locale#ROOT}); without it, attn4j's {@link TextNormalizer}
 *       ({@code onInvalidChar} decides about control characters, format characters are kept);</li>
 *   <li>accent stripping (NFD, then every non-spacing mark removed) when {@code stripAccents}
 *       is {@code always}, or {@code auto} (the default, BERT's {@code strip_accents: None}) and
 *       the text is lowercased;</li>
 *   <li>every space as one U+0020, the ends trimmed.</li>
 * </ol>
 * Accent stripping and the cleanup drop characters and leave the text decomposed where it was
 * stripped: this is where BERT's normalisation legitimately departs from the NFC form the other
 * tokenizers keep. Offsets refer to this normalised text, as the {@link Tokenizer} contract asks.
 *
 * <p>Splitting: words are separated by spaces; every punctuation character (ASCII symbols and
 * Unicode category P) and, with {@code chineseChars}, every CJK ideograph is a word of its own.
 * Each word is split greedily, longest match first, into vocabulary pieces, every piece after
 * the first carrying the {@code continuationPrefix} ({@code ##}). A word longer than
 * {@code maxWordChars} code points, or one that cannot be covered by pieces, is one token
 * holding the whole word: it is not in the vocabulary, so its id is the unknown token's, as
 * BERT's {@code [UNK]} (the token keeps the word so that its offsets and surface stay true).
 * {@link #surface} drops the continuation prefix. Special tokens written in the text
 * ({@code [MASK]}) are not recognised here: they are split like other text (BERT's encoding in
 * the {@code hf} module splits them out before calling this tokenizer).
 *
 * <p>{@link #detokenize} joins pieces to the word before them and words with one space, as
 * Hugging Face's {@code convert_tokens_to_string}: not lossless (spaces around punctuation
 * appear, accents stay stripped). Immutable and thread-safe.
 *
 * <pre>{@code
 * // with a vocabulary holding these pieces:
 * wordpiece.split("Unbelievably, the cat!")   // [un, ##believ, ##ably, ",", the, cat, !]
 * }</pre>
 */
public final class WordPieceTokenizer implements Tokenizer {
    /** The provider name. */
    public static final String NAME = "wordpiece";
    /** The vocabulary file a saved tokenizer holds, one token a line, id = line number from 0. */
    public static final String VOCAB_FILE = "vocab.txt";

    private final TextNormalizer base;
    private final boolean cleanText;
    private final boolean stripAccents;
    private final boolean chineseChars;
    private final String prefix;
    private final int maxWordChars;
    private final List<String> vocabulary;
    private final Map<String, Integer> ids;
    private final Map<String, Object> saved;

    WordPieceTokenizer(TextNormalizer base, boolean cleanText, boolean stripAccents, boolean chineseChars, String prefix,
            int maxWordChars, List<String> vocabulary, Map<String, Integer> ids, Map<String, Object> saved) {
        this.base = base;
        this.cleanText = cleanText;
        this.stripAccents = stripAccents;
        this.chineseChars = chineseChars;
        this.prefix = prefix;
        this.maxWordChars = maxWordChars;
        this.vocabulary = List.copyOf(vocabulary);
        this.ids = Map.copyOf(ids);
        this.saved = Collections.unmodifiableMap(saved);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The vocabulary in file order: the id of a token is its index (its line number in {@code vocab.txt}). */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** The id of {@code token} (the last line holding it, as Hugging Face reads the file), or -1. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The prefix of every piece that continues a word ({@code ##}). */
    public String continuationPrefix() {
        return prefix;
    }

    @Override
    public String normalize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String s;
        if (cleanText) {
            s = Normalizer.normalize(BertText.clean(text), Normalizer.Form.NFC);
            if (base.lowercase()) {
                s = s.toLowerCase(Locale.ROOT);
            }
        } else {
            s = base.normalize(text);
        }
        if (stripAccents) {
            s = BertText.stripAccents(s);
        }
        return BertText.collapseSpaces(s);
    }

    @Override
    public List<Token> tokenize(String text) {
        String s = normalize(text);
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int wordStart = -1;
        for (int i = 0; i < n;) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == ' ') {
                if (wordStart >= 0) {
                    pieces(s, wordStart, i, out);
                    wordStart = -1;
                }
            } else if (BertText.isPunctuation(cp) || (chineseChars && BertText.isCjkIdeograph(cp))) {
                if (wordStart >= 0) {
                    pieces(s, wordStart, i, out);
                    wordStart = -1;
                }
                pieces(s, i, next, out);
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            pieces(s, wordStart, n, out);
        }
        return out;
    }

    /** The word {@code s[start, end)} as pieces, greedily longest first, or as one unknown token. */
    private void pieces(String s, int start, int end, List<Token> out) {
        if (s.codePointCount(start, end) > maxWordChars) {
            out.add(new Token(s.substring(start, end), start, end));
            return;
        }
        int first = out.size();
        int at = start;
        while (at < end) {
            int stop = end;
            String found = null;
            while (stop > at) {
                String piece = at > start ? prefix + s.substring(at, stop) : s.substring(at, stop);
                if (ids.containsKey(piece)) {
                    found = piece;
                    break;
                }
                stop -= Character.charCount(s.codePointBefore(stop));
            }
            if (found == null) {
                out.subList(first, out.size()).clear();
                out.add(new Token(s.substring(start, end), start, end));
                return;
            }
            out.add(new Token(found, at, stop));
            at = stop;
        }
    }

    @Override
    public String surface(String token) {
        return token.startsWith(prefix) && token.length() > prefix.length() ? token.substring(prefix.length()) : token;
    }

    @Override
    public String detokenize(List<String> tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t == null) {
                throw new IllegalArgumentException("token " + i + " is null");
            }
            if (out.length() > 0 && t.startsWith(prefix) && t.length() > prefix.length()) {
                out.append(t, prefix.length(), t.length());
            } else {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(t);
            }
        }
        return out.toString();
    }

    @Override
    public void save(Path dir) {
        StringBuilder v = new StringBuilder();
        for (String token : vocabulary) {
            v.append(token).append('\n');
        }
        AtomicFiles.write(dir.resolve(VOCAB_FILE), v.toString().getBytes(StandardCharsets.UTF_8));
        TokenizerFile.write(dir, TokenizerFile.create(NAME, saved));
    }

    @Override
    public String toString() {
        return "WordPieceTokenizer[" + vocabulary.size() + " tokens, " + saved + "]";
    }
}
