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
 * <p>A token is empty ({@code start == end}, surface {@code ""}) only when it stands for no
 * whole character of the normalised text: a subword tokenizer's lone word-start marker (a
 * SentencePiece {@code ▁} piece, such as the one for the space it adds in front of the text),
 * which sits just after the space it marks, or a byte token that spells part of a character
 * (SentencePiece's byte fallback, {@code <0xE6>}), which sits at the start of that character.
 *
 * @param text  the token as the vocabulary knows it, never empty
 * @param start offset of its first char in the normalised text, at least 0
 * @param end   offset one past its last char in the normalised text, greater than {@code start}
 *              except for an empty token (see above)
 */
public record Token(String text, int start, int end) {
    public Token {
        if (text == null || text.isEmpty() || start < 0 || end < start) {
            throw new IllegalArgumentException("invalid token '" + text + "' [" + start + ", " + end + ")");
        }
    }
}
