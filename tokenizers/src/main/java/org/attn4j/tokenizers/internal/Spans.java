package org.attn4j.tokenizers.internal;

/**
 * Cleans up the spans a word splitter produced so that every tokenizer keeps the same promises:
 * spans are sorted and disjoint, no span splits a surrogate pair or separates a combining mark
 * from the character before it, and every non-space char of the text is covered.
 */
public final class Spans {
    private Spans() {
    }

    /**
     * The repaired form of {@code raw} over {@code text} (a normalised text: single U+0020
     * spaces, no space at either end). Runs in time linear in the text length.
     */
    public static SpanList repair(String text, SpanList raw) {
        SpanList out = new SpanList();
        int covered = 0;
        for (int i = 0; i < raw.size(); i++) {
            int s = Math.max(raw.start(i), covered);
            int e = Math.min(raw.end(i), text.length());
            if (e <= s) {
                continue;
            }
            addGap(text, covered, s, out);
            appendJoining(text, s, e, out);
            covered = e;
        }
        addGap(text, covered, text.length(), out);
        return out;
    }

    /** Adds the space-separated runs of {@code text[from, to)} that no span covered. */
    private static void addGap(String text, int from, int to, SpanList out) {
        int i = from;
        while (i < to) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            int j = i;
            while (j < to && text.charAt(j) != ' ') {
                j++;
            }
            appendJoining(text, i, j, out);
            i = j;
        }
    }

    /** Adds {@code [s, e)}, joined to the previous span when they touch and must not be cut apart. */
    private static void appendJoining(String text, int s, int e, SpanList out) {
        int n = out.size();
        if (n > 0 && out.end(n - 1) == s && mustJoin(text, s)) {
            out.setLastEnd(e);
        } else {
            out.add(s, e);
        }
    }

    /** Whether a cut at {@code at} would split a surrogate pair or strand a combining mark. */
    static boolean mustJoin(String text, int at) {
        if (at <= 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (Character.isLowSurrogate(c) && Character.isHighSurrogate(text.charAt(at - 1))) {
            return true;
        }
        return Subwords.isCombiningMark(text.codePointAt(at));
    }
}
