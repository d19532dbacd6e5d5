package org.attn4j.api.text;

import java.nio.file.Path;
import java.util.List;

/**
 * Splits text into tokens and joins tokens back into text.
 *
 * <p>Contract (checked by the tokenizer contract test every implementation extends):
 * <ul>
 *   <li>{@link #normalize} is applied first: Unicode NFC, every Unicode space as U+0020, runs of
 *       spaces collapsed to one and the ends trimmed, optional lowercasing. No other character
 *       is dropped; how control characters and unpaired surrogates are treated is a documented
 *       setting of the implementation (an error by default).</li>
 *   <li>Token offsets index into the normalised text:
 *       {@code normalize(text).substring(t.start(), t.end())} equals {@code surface(t.text())};
 *       tokens are in text order, do not overlap, and together cover every non-space char. An
 *       empty token (see {@link Token}) sits on a character boundary; byte tokens that together
 *       spell a character sit at its start and count as covering it.</li>
 *   <li>Empty or whitespace-only text gives no tokens; {@code null} is an
 *       {@link IllegalArgumentException}.</li>
 *   <li>Deterministic: the same text always gives the same tokens, also after
 *       {@link #save} and reloading with the provider.</li>
 *   <li>{@link #detokenize} turns tokens (from {@link #tokenize} or from a model) back into
 *       ordinary text; subword tokenizers do it losslessly, word tokenizers by spacing rules.</li>
 * </ul>
 * A tokenizer that must reproduce another library's own normalisation (SentencePiece's
 * {@code nmt_nfkc}, a model's precompiled character map) keeps the rest of the contract but
 * replaces the first point: {@link #normalize} is then that library's normalised text, with its
 * space markers written as U+0020 and any space it adds in front of the text dropped, and the
 * {@code lowercase} and invalid-character settings are applied before it (the library may drop
 * or map a U+FFFD they produce). Its documentation says so.
 *
 * <p>Implementations are immutable once built and safe to share between threads.
 *
 * <pre>{@code
 * Tokenizer t = provider.create(Options.of("tokenizer", Map.of("lowercase", true)), null);
 * List<String> words = t.split("A man, in a hat.");   // [a, man, ",", in, a, hat, .]
 * String text = t.detokenize(words);                   // "a man, in a hat."
 * }</pre>
 */
public interface Tokenizer {

    /** The provider name this tokenizer was made by (for example {@code "bpe"}). */
    String name();

    /**
     * The normalised form of {@code text} that token offsets refer to.
     *
     * @throws IllegalArgumentException if {@code text} is null, or holds a character the
     *                                  normalisation setting rejects (the message gives its
     *                                  code point and offset)
     */
    String normalize(String text);

    /**
     * Tokens of {@code text}, with offsets into {@code normalize(text)}.
     *
     * @throws IllegalArgumentException as {@link #normalize} does
     */
    List<Token> tokenize(String text);

    /** Token strings only: {@code tokenize(text)} without the offsets. */
    default List<String> split(String text) {
        return tokenize(text).stream().map(Token::text).toList();
    }

    /**
     * The characters of the normalised text that {@code token} stands for: the token without
     * any marker or escape this tokenizer adds. The identity for word tokenizers.
     */
    default String surface(String token) {
        return token;
    }

    /**
     * Joins tokens (as produced by {@link #tokenize} or by a model) into text. An empty list
     * gives {@code ""}; a {@code null} list or element is an {@link IllegalArgumentException}.
     */
    String detokenize(List<String> tokens);

    /**
     * Writes whatever this tokenizer needs to be rebuilt (merges, model reference, settings)
     * into {@code dir}, creating it if needed; each file goes to a temporary name first and is
     * then renamed, so a failed save never leaves a half-written file.
     *
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    void save(Path dir);
}
