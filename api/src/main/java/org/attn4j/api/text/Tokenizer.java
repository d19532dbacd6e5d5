package org.attn4j.api.text;

import java.nio.file.Path;
import java.util.List;

/**
 * Splits text into tokens and joins tokens back into text.
 *
 * <p>Contract (checked by the tokenizer contract test every implementation extends):
 * <ul>
 *   <li>{@link #normalize} is applied first (Unicode NFC, every Unicode space as U+0020,
 *       optional lowercasing); offsets of the tokens index into the normalised text, and
 *       {@code normalized.substring(t.start(), t.end())} is the surface of token t.</li>
 *   <li>Empty or whitespace-only text gives no tokens; {@code null} is an
 *       {@link IllegalArgumentException}.</li>
 *   <li>Deterministic: the same text always gives the same tokens.</li>
 *   <li>{@link #detokenize} turns model output back into ordinary text.</li>
 * </ul>
 * Implementations are immutable once built and safe to share between threads.
 */
public interface Tokenizer {

    /** The provider name this tokenizer was made by (for example {@code "bpe"}). */
    String name();

    /** The normalised form of {@code text} that token offsets refer to. */
    String normalize(String text);

    /** Tokens of {@code text}, with offsets into {@code normalize(text)}. */
    List<Token> tokenize(String text);

    /** Token strings only. */
    default List<String> split(String text) {
        return tokenize(text).stream().map(Token::text).toList();
    }

    /** Joins tokens (as produced by {@link #tokenize} or by a model) into text. */
    String detokenize(List<String> tokens);

    /**
     * Writes whatever this tokenizer needs to be rebuilt (merges, model reference, settings)
     * into {@code dir}; each file goes to a temporary name first and is then renamed.
     */
    void save(Path dir);
}
