package org.attn4j.tokenizers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.SpanList;
import org.attn4j.tokenizers.internal.Spans;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.attn4j.tokenizers.internal.WordSplitters;

/**
 * A word-level tokenizer: the {@code whitespace}, {@code opennlp-simple} and {@code opennlp}
 * providers all make one, with different splitting rules.
 *
 * <p>Tokens are exactly substrings of the normalised text (no markers), so
 * {@link #surface} is the identity. Whatever the splitter does, a token never splits a surrogate
 * pair or separates a combining mark from its base, and every non-space char lands in some
 * token. {@link #detokenize} joins tokens by single spaces ({@code whitespace}, which is
 * therefore lossless) or by a {@link Detokenizer}'s rules (the OpenNLP ones). Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Tokenizer t = new SimpleTokenizerProvider().create(Options.empty("tokenizer"), null);
 * t.split("Two dogs, running.");   // [Two, dogs, ",", running, .]
 * }</pre>
 */
public final class WordTokenizer implements Tokenizer {
    private final String name;
    private final TextNormalizer normalizer;
    private final WordSplitters.Built splitter;
    private final Detokenizer detokenizer;

    /**
     * @param detokenizer spacing rules, or null to join tokens by single spaces
     */
    WordTokenizer(String name, TextNormalizer normalizer, WordSplitters.Built splitter, Detokenizer detokenizer) {
        this.name = name;
        this.normalizer = normalizer;
        this.splitter = splitter;
        this.detokenizer = detokenizer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String normalize(String text) {
        return normalizer.normalize(text);
    }

    @Override
    public List<Token> tokenize(String text) {
        String normalized = normalizer.normalize(text);
        SpanList spans = spans(normalized);
        List<Token> tokens = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            tokens.add(new Token(normalized.substring(spans.start(i), spans.end(i)), spans.start(i), spans.end(i)));
        }
        return tokens;
    }

    /** The repaired word spans of an already normalised text. */
    SpanList spans(String normalized) {
        SpanList raw = new SpanList();
        if (!normalized.isEmpty()) {
            splitter.splitter().split(normalized, raw);
        }
        return Spans.repair(normalized, raw);
    }

    /** The splitter and what saving it needs. */
    WordSplitters.Built splitter() {
        return splitter;
    }

    @Override
    public String detokenize(List<String> tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        if (detokenizer != null) {
            return detokenizer.detokenize(tokens);
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) == null) {
                throw new IllegalArgumentException("token " + i + " is null");
            }
        }
        return String.join(" ", tokens);
    }

    @Override
    public void save(Path dir) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.putAll(CommonOptions.saved(normalizer));
        if (!name.equals("whitespace")) {
            options.putAll(splitter.savedOptions());
        }
        ObjectNode root = TokenizerFile.create(name, options);
        if (splitter.modelName() != null) {
            root.put("opennlpModel", splitter.modelName());
        }
        splitter.saveFiles(dir);
        TokenizerFile.write(dir, root);
    }

    @Override
    public String toString() {
        return "WordTokenizer[" + name + ", " + normalizer + "]";
    }
}
