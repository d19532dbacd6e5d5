package org.attn4j.tokenizers.internal;

/** Words are the runs of non-space chars. */
public final class WhitespaceSplitter implements SpanSplitter {
    /** The only instance; it holds no state. */
    public static final WhitespaceSplitter INSTANCE = new WhitespaceSplitter();

    private WhitespaceSplitter() {
    }

    @Override
    public void split(String text, SpanList out) {
        int n = text.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == ' ') {
                if (i > start) {
                    out.add(start, i);
                }
                start = i + 1;
            }
        }
    }
}
