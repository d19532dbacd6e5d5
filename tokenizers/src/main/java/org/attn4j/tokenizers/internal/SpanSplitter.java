package org.attn4j.tokenizers.internal;

/**
 * Finds word spans in a normalised text (single U+0020 spaces, no space at either end). The
 * spans it adds need not be perfect: {@link Spans#repair} sorts out gaps, overlaps and cut
 * surrogate pairs afterwards. Implementations are thread-safe.
 */
public interface SpanSplitter {

    /** Adds the spans of {@code text} to {@code out}, in text order. */
    void split(String text, SpanList out);
}
