package org.attn4j.tokenizers.internal;

import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * OpenNLP's maximum-entropy {@link TokenizerME}. The model classifies every char position of
 * every whitespace-separated word, building features from the word's prefix and suffix, so its
 * cost grows with the square of a word's length: words longer than {@code maxWordLength} chars
 * (URLs, a line without spaces) are split by {@link SimpleSplitter}'s rules instead. Thread-safe:
 * each thread gets its own {@code TokenizerME} over the shared model.
 */
public final class OpenNlpSplitter implements SpanSplitter {
    private final TokenizerModel model;
    private final int maxWordLength;
    private final ThreadLocal<TokenizerME> tokenizers;

    /**
     * @param model         a loaded tokenizer model
     * @param maxWordLength longest word, in chars, the model sees; at least 1
     */
    public OpenNlpSplitter(TokenizerModel model, int maxWordLength) {
        if (maxWordLength < 1) {
            throw new IllegalArgumentException("maxWordLength must be at least 1, got " + maxWordLength);
        }
        this.model = model;
        this.maxWordLength = maxWordLength;
        this.tokenizers = ThreadLocal.withInitial(() -> new TokenizerME(this.model));
    }

    @Override
    public void split(String text, SpanList out) {
        int n = text.length();
        int segment = 0;
        int wordStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && text.charAt(i) != ' ') {
                continue;
            }
            if (i - wordStart > maxWordLength) {
                model(text, segment, wordStart, out);
                SimpleSplitter.addAll(SimpleTokenizer.INSTANCE.tokenizePos(text.substring(wordStart, i)), wordStart, out);
                segment = i;
            }
            wordStart = i + 1;
        }
        model(text, segment, n, out);
    }

    /** Runs the model over {@code text[from, to)}. */
    private void model(String text, int from, int to, SpanList out) {
        if (to <= from) {
            return;
        }
        String part = from == 0 && to == text.length() ? text : text.substring(from, to);
        SimpleSplitter.addAll(tokenizers.get().tokenizePos(part), from, out);
    }
}
