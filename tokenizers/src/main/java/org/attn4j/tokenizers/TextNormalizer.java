package org.attn4j.tokenizers;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalisation every attn4j tokenizer applies before splitting, so that token offsets,
 * vocabularies and decoded text all refer to one canonical form of the text.
 *
 * <p>In order:
 * <ol>
 *   <li>Control characters and unpaired surrogates are checked: with
 *       {@link InvalidCharPolicy#ERROR} (the default) the first one is an
 *       {@link IllegalArgumentException} giving its code point and offset; with
 *       {@link InvalidCharPolicy#REPLACE} each becomes U+FFFD. Control characters that are
 *       whitespace (tab, line feed, vertical tab, form feed, carriage return, U+001C..U+001F,
 *       U+0085) are not invalid: they are spaces.</li>
 *   <li>Unicode NFC.</li>
 *   <li>Optional lowercasing ({@link String#toLowerCase(Locale)} with {@link Locale#ROOT}),
 *       followed by NFC again.</li>
 *   <li>Every Unicode space (category Zs, Zl, Zp, for example U+00A0, U+2009, U+202F, U+3000,
 *       and the whitespace controls above) becomes U+0020; runs of spaces collapse to one and
 *       the ends are trimmed.</li>
 * </ol>
 * Nothing else is removed: format characters such as U+200B ZERO WIDTH SPACE or U+00AD SOFT
 * HYPHEN are kept as they are. The result is idempotent: {@code normalize(normalize(x))}
 * equals {@code normalize(x)}. Runs in time linear in the text length. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * TextNormalizer.DEFAULT.normalize(" Qui\u00a0? \t")   // "Qui ?"
 * }</pre>
 */
public final class TextNormalizer {
    /** No lowercasing, invalid characters rejected. */
    public static final TextNormalizer DEFAULT = new TextNormalizer(false, InvalidCharPolicy.ERROR);

    private static final char REPLACEMENT = '\uFFFD';

    /** What to do with a control character or an unpaired surrogate. */
    public enum InvalidCharPolicy {
        /** Fail with a message giving the code point and its offset. */
        ERROR,
        /** Replace each with U+FFFD REPLACEMENT CHARACTER. */
        REPLACE
    }

    private final boolean lowercase;
    private final InvalidCharPolicy onInvalid;

    /**
     * @param lowercase whether to lowercase the text
     * @param onInvalid what to do with control characters and unpaired surrogates
     */
    public TextNormalizer(boolean lowercase, InvalidCharPolicy onInvalid) {
        if (onInvalid == null) {
            throw new IllegalArgumentException("onInvalid must not be null");
        }
        this.lowercase = lowercase;
        this.onInvalid = onInvalid;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public InvalidCharPolicy onInvalid() {
        return onInvalid;
    }

    /**
     * The normalised text.
     *
     * @throws IllegalArgumentException if {@code text} is null, or under
     *                                  {@link InvalidCharPolicy#ERROR} holds an invalid character
     */
    public String normalize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String s = checkInvalid(text);
        s = nfc(s);
        if (lowercase) {
            s = nfc(s.toLowerCase(Locale.ROOT));
        }
        return spaces(s);
    }

    /** Whether {@code cp} counts as a space (see the class documentation). */
    public static boolean isSpace(int cp) {
        return cp == ' ' || Character.isSpaceChar(cp) || Character.isWhitespace(cp) || cp == 0x85;
    }

    /**
     * Step 1 alone: {@code text} with its control characters and unpaired surrogates checked
     * (or replaced) under this normaliser's policy, for tokenizers that bring their own
     * normalisation (SentencePiece).
     */
    String checkInvalid(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean invalid;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                invalid = true;
            } else {
                invalid = Character.isLowSurrogate(c) || (Character.isISOControl(c) && !isSpace(c));
            }
            if (invalid) {
                if (onInvalid == InvalidCharPolicy.ERROR) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "text holds %s U+%04X at offset %d; remove it or normalise with onInvalidChar: replace",
                            Character.isSurrogate(c) ? "an unpaired surrogate" : "the control character", (int) c, i));
                }
                if (out == null) {
                    out = new StringBuilder(n).append(text, 0, i);
                }
                out.append(REPLACEMENT);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Maps every space to U+0020, collapses runs and trims; every space is a BMP char. */
    private static String spaces(String s) {
        if (isCleanSpacing(s)) {
            return s;
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the only spaces are single U+0020 between non-spaces. */
    private static boolean isCleanSpacing(String s) {
        int n = s.length();
        boolean previousSpace = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (previousSpace) {
                    return false;
                }
                previousSpace = true;
            } else if (isSpace(c)) {
                return false;
            } else {
                previousSpace = false;
            }
        }
        return !previousSpace || n == 0;
    }

    @Override
    public String toString() {
        return "TextNormalizer[lowercase=" + lowercase + ", onInvalidChar=" + onInvalid.name().toLowerCase(Locale.ROOT) + "]";
    }
}
