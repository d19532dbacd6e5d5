package org.attn4j.api.text;

/**
 * One token of a tokenized text: its vocabulary form and where it sits in the normalised text.
 *
 * <p>{@code normalized.substring(start, end)} equals {@link Tokenizer#surface
 * tokenizer.surface(text)}: for word tokenizers that is the token itself; a subword tokenizer
 * may add a word-start marker or escapes to {@code text} that the surface does not contain
 * (see the tokenizer's documentation). Offsets count UTF-16 chars, as {@link String} does, and
 * never split a surrogate pair.
 *
 * @param text  the token as the vocabulary knows it, never empty
 * @param start offset of its first char in the normalised text, at least 0
 * @param end   offset one past its last char in the normalised text, greater than {@code start}
 */
public record Token(String text, int start, int end) {
    public Token {
        if (text == null || text.isEmpty() || start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid token '" + text + "' [" + start + ", " + end + ")");
        }
    }
}
