package org.attn4j.tokenizers.internal;

import java.util.List;

/**
 * How subword and character tokens spell spaces and the two reserved characters.
 *
 * <p>A token that starts a word (one preceded by a space in the normalised text, or the first
 * of the text) carries the marker {@value #MARKER_STRING} (U+2581) in front of its first
 * character; the character tokenizer spells a space as the token {@value #MARKER_STRING} on its
 * own. Literal occurrences of the two reserved characters are escaped so that decoding is
 * unambiguous: U+2581 as {@code \u2581} preceded by a backslash, and the backslash as two
 * backslashes. An escaped character is one symbol: BPE never splits an escape.
 */
public final class Subwords {
    /** The word-start marker, U+2581 LOWER ONE EIGHTH BLOCK. */
    public static final char MARKER = '\u2581';
    /** {@link #MARKER} as a string. */
    public static final String MARKER_STRING = "\u2581";
    /** The escape character. */
    public static final char ESCAPE = '\\';

    private Subwords() {
    }

    /** Appends {@code text[start, end)} to {@code out} with the reserved characters escaped. */
    public static void escape(CharSequence text, int start, int end, StringBuilder out) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == MARKER || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
    }

    /** {@code text[start, end)} escaped, with the marker in front if {@code wordStart}. */
    public static String key(CharSequence text, int start, int end, boolean wordStart) {
        StringBuilder sb = new StringBuilder(end - start + 2);
        if (wordStart) {
            sb.append(MARKER);
        }
        escape(text, start, end, sb);
        return sb.toString();
    }

    /**
     * The characters a token stands for: a leading marker removed, escapes resolved; a lone
     * marker (the character tokenizer's space) is a space.
     */
    public static String surface(String token) {
        if (token.equals(MARKER_STRING)) {
            return " ";
        }
        int from = !token.isEmpty() && token.charAt(0) == MARKER ? 1 : 0;
        StringBuilder sb = new StringBuilder(token.length());
        unescape(token, from, sb);
        return sb.toString();
    }

    /**
     * Joins tokens into text: each marker becomes a space, escapes are resolved, and a space at
     * the very start (from the text's first word) is dropped. Inverse of the encoders for every
     * normalised text.
     */
    public static String decode(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t == null) {
                throw new IllegalArgumentException("token " + i + " is null");
            }
            unescape(t, 0, sb);
        }
        if (sb.length() > 0 && sb.charAt(0) == ' ') {
            sb.deleteCharAt(0);
        }
        return sb.toString();
    }

    /**
     * Splits a word key (see {@link #key}) into its base symbols: one code point or one escape
     * each, with the combining marks that follow it, the marker joined to the first.
     */
    public static void symbols(String key, List<String> out) {
        int i = 0;
        int n = key.length();
        boolean marker = n > 0 && key.charAt(0) == MARKER;
        if (marker) {
            i = 1;
        }
        while (i < n) {
            int end = key.charAt(i) == ESCAPE && i + 1 < n ? i + 2 : i + Character.charCount(key.codePointAt(i));
            while (end < n && isCombiningMark(key.codePointAt(end))) {
                end += Character.charCount(key.codePointAt(end));
            }
            int from = marker ? i - 1 : i;
            out.add(key.substring(from, end));
            marker = false;
            i = end;
        }
        if (marker) {
            out.add(MARKER_STRING);
        }
    }

    /** Whether {@code cp} is a combining mark (categories Mn, Mc, Me), which stays with the character before it. */
    public static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** Length in chars of the surface of {@code token} (see {@link #surface}). */
    public static int surfaceLength(String token) {
        if (token.equals(MARKER_STRING)) {
            return 1;
        }
        int n = token.length();
        int i = !token.isEmpty() && token.charAt(0) == MARKER ? 1 : 0;
        int len = 0;
        while (i < n) {
            i += token.charAt(i) == ESCAPE && i + 1 < n ? 2 : 1;
            len++;
        }
        return len;
    }

    private static void unescape(String t, int from, StringBuilder sb) {
        int n = t.length();
        for (int i = from; i < n; i++) {
            char c = t.charAt(i);
            if (c == ESCAPE && i + 1 < n) {
                sb.append(t.charAt(++i));
            } else if (c == MARKER) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
    }
}
