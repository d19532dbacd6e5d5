package org.attn4j.tokenizers.internal;

import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;

/**
 * OpenNLP's {@link SimpleTokenizer}: a new token wherever the character class (letter, digit,
 * whitespace, other) changes; runs of one repeated punctuation character stay together.
 */
public final class SimpleSplitter implements SpanSplitter {
    /** The only instance; OpenNLP's simple tokenizer is stateless. */
    public static final SimpleSplitter INSTANCE = new SimpleSplitter();

    private SimpleSplitter() {
    }

    @Override
    public void split(String text, SpanList out) {
        addAll(SimpleTokenizer.INSTANCE.tokenizePos(text), 0, out);
    }

    /** Adds {@code spans}, shifted by {@code offset}. */
    static void addAll(Span[] spans, int offset, SpanList out) {
        for (Span s : spans) {
            out.add(offset + s.getStart(), offset + s.getEnd());
        }
    }
}
