package org.attn4j.tokenizers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.BpeLearner;
import org.attn4j.tokenizers.internal.BpeModel;
import org.attn4j.tokenizers.internal.SpanList;
import org.attn4j.tokenizers.internal.Subwords;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.attn4j.tokenizers.internal.WordSplitters;

/**
 * {@code bpe}: byte-pair-encoding subwords on top of a word pre-tokenizer.
 *
 * <p>The normalised text is split into words by the pre-tokenizer; each word is split into
 * subwords by applying the learned merges in the order they were learned. A word that follows a
 * space in the normalised text, or starts it, carries the marker {@code ▁} (U+2581) on its first
 * subword; a word glued to the previous one (the {@code ,} of {@code dog,}) does not. Literal
 * U+2581 and backslash characters are escaped with a backslash ({@code \▁}, {@code \\}) and
 * never split. Decoding turns markers into spaces, resolves escapes and drops the space before
 * the first word, so it is lossless: {@code detokenize(split(text))} equals
 * {@code normalize(text)} for every text, spaces included. A character never seen in training
 * stays a subword of its own (the vocabulary maps it to {@code <unk>}).
 *
 * <p>Learning: word frequencies over the training lines, then the most frequent adjacent symbol
 * pair is merged, repeatedly, up to the requested number of merges (ties broken by the pairs'
 * strings); it stops early when no pair occurs {@code minPairFrequency} times. Joint learning
 * (one tokenizer for source and target) is learning on both corpora at once; per-language
 * learning is one tokenizer per corpus. Encoded words are cached. Immutable and thread-safe.
 *
 * <pre>{@code
 * Tokenizer bpe = new BpeTokenizerProvider().create(Options.of("tokenizer", Map.of("merges", 8000)), lines);
 * bpe.split("Two dogs, running.")   // e.g. [▁Two, ▁dogs, ",", ▁run, ning, .]
 * }</pre>
 */
public final class BpeTokenizer implements Tokenizer {
    /** The provider name. */
    public static final String NAME = "bpe";

    private final TextNormalizer normalizer;
    private final WordTokenizer pretokenizer;
    private final BpeModel model;
    private final Map<String, Object> options;

    BpeTokenizer(TextNormalizer normalizer, WordTokenizer pretokenizer, BpeModel model, Map<String, Object> options) {
        this.normalizer = normalizer;
        this.pretokenizer = pretokenizer;
        this.model = model;
        this.options = Map.copyOf(options);
    }

    /**
     * Learns merges from {@code lines}.
     *
     * @throws IllegalArgumentException naming the line if a line fails normalisation
     */
    static BpeModel learn(TextNormalizer normalizer, WordTokenizer pretokenizer, Iterable<String> lines, int merges,
                          int minPairFrequency) {
        Map<String, Integer> counts = new HashMap<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String normalized;
            try {
                normalized = normalizer.normalize(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training line " + lineNumber + ": " + e.getMessage(), e);
            }
            SpanList spans = pretokenizer.spans(normalized);
            for (int i = 0; i < spans.size(); i++) {
                counts.merge(key(normalized, spans.start(i), spans.end(i)), 1, Integer::sum);
            }
        }
        return new BpeModel(BpeLearner.learn(counts, merges, minPairFrequency));
    }

    private static String key(String normalized, int start, int end) {
        boolean wordStart = start == 0 || normalized.charAt(start - 1) == ' ';
        return Subwords.key(normalized, start, end, wordStart);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** How many merges were learned (fewer than asked for if pairs ran out). */
    public int mergeCount() {
        return model.merges().size();
    }

    /** The learned merges in order, as {@code [left, right]} pairs (copies). */
    public List<List<String>> merges() {
        List<List<String>> out = new ArrayList<>(model.merges().size());
        for (String[] m : model.merges()) {
            out.add(List.of(m[0], m[1]));
        }
        return out;
    }

    @Override
    public String normalize(String text) {
        return normalizer.normalize(text);
    }

    @Override
    public List<Token> tokenize(String text) {
        String normalized = normalizer.normalize(text);
        SpanList spans = pretokenizer.spans(normalized);
        List<Token> tokens = new ArrayList<>(spans.size() * 2);
        for (int i = 0; i < spans.size(); i++) {
            int offset = spans.start(i);
            for (String piece : model.encode(key(normalized, offset, spans.end(i)))) {
                int length = Subwords.surfaceLength(piece);
                tokens.add(new Token(piece, offset, offset + length));
                offset += length;
            }
        }
        return tokens;
    }

    @Override
    public String surface(String token) {
        return Subwords.surface(token);
    }

    @Override
    public String detokenize(List<String> tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        return Subwords.decode(tokens);
    }

    /** Writes {@code tokenizer.json} with the options and the merges (and the pre-tokenizer's model file, if a user's). */
    @Override
    public void save(Path dir) {
        ObjectNode root = TokenizerFile.create(NAME, new TreeMap<>(options));
        root.put("learnedMerges", model.merges().size());
        ArrayNode merges = root.putArray("merges");
        for (String[] m : model.merges()) {
            merges.addArray().add(m[0]).add(m[1]);
        }
        WordSplitters.Built splitter = pretokenizer.splitter();
        if (splitter.modelName() != null) {
            root.put("opennlpModel", splitter.modelName());
        }
        splitter.saveFiles(dir);
        TokenizerFile.write(dir, root);
    }

    /** The word tokenizer that splits text before BPE. */
    WordTokenizer pretokenizer() {
        return pretokenizer;
    }

    @Override
    public String toString() {
        return "BpeTokenizer[" + model.merges().size() + " merges, pretokenizer " + pretokenizer.name() + ", "
                + normalizer + "]";
    }
}
