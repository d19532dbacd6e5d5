package org.attn4j.api.text;

/**
 * One token of a tokenized text.
 *
 * @param text  the token as the vocabulary knows it (a subword may carry a marker, see the
 *              tokenizer's documentation)
 * @param start offset of the first char in the normalised text
 * @param end   offset one past the last char in the normalised text
 */
public record Token(String text, int start, int end) {
    public Token {
        if (text == null || start < 0 || end < start) {
            throw new IllegalArgumentException("invalid token '" + text + "' [" + start + ", " + end + ")");
        }
    }
}
