package org.attn4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.tokenizers.internal.Json;

/**
 * A {@link Vocabulary} held as a list of tokens, index = id, built from a corpus or loaded from
 * JSON.
 *
 * <p>Building: count tokens, keep those seen at least {@code minFrequency} times, order them by
 * count (most frequent first) with ties broken by {@link String#compareTo}, then keep the
 * first {@code maxSize - 4} after the four special tokens. The special strings themselves are
 * never counted. The result does not depend on the order tokens were added in.
 *
 * <p>File ({@value #FILE_NAME} in a model directory), UTF-8 JSON:
 * <pre>{@code
 * {"format": "attn4j-vocabulary", "version": 1,
 *  "tokens": ["<pad>", "<unk>", "<s>", "</s>", "a", "man", ...]}
 * }</pre>
 * Loading fails with a {@link ModelFormatException} naming the file and the token when a
 * special token is missing or not at its id, a token appears twice, or a token is empty or
 * not a string. Immutable and thread-safe.
 *
 * <pre>{@code
 * TokenVocabulary v = TokenVocabulary.builder().optMinFrequency(2).addCorpus(tokenizer, lines).build();
 * v.save(dir.resolve(TokenVocabulary.FILE_NAME));
 * }</pre>
 */
public final class TokenVocabulary implements Vocabulary {
    /** The file name inside a model directory. */
    public static final String FILE_NAME = "vocab.json";
    private static final String FORMAT = "attn4j-vocabulary";
    private static final int VERSION = 1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private TokenVocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
    }

    /**
     * A vocabulary of the specials followed by {@code ordinary} in order.
     *
     * @throws IllegalArgumentException if a token is null, empty, special or repeated
     */
    public static TokenVocabulary of(Collection<String> ordinary) {
        List<String> all = new ArrayList<>(SPECIAL_TOKENS);
        Map<String, Integer> seen = new HashMap<>();
        for (String t : ordinary) {
            if (t == null || t.isEmpty()) {
                throw new IllegalArgumentException("token " + all.size() + " is null or empty");
            }
            if (SPECIAL_TOKENS.contains(t) || seen.putIfAbsent(t, all.size()) != null) {
                throw new IllegalArgumentException("token '" + t + "' appears twice");
            }
            all.add(t);
        }
        return new TokenVocabulary(all);
    }

    /** A builder that counts tokens. */
    public static TokenVocabularyBuilder builder() {
        return new TokenVocabularyBuilder();
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK : id;
    }

    @Override
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IndexOutOfBoundsException("token id " + id + " outside [0, " + tokens.size() + ")");
        }
        return tokens.get(id);
    }

    @Override
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** All tokens, index = id (unmodifiable). */
    public List<String> tokens() {
        return tokens;
    }

    /** Writes {@code vocabulary} (any implementation) to {@code file} through a temporary file. */
    public static void save(Vocabulary vocabulary, Path file) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode array = root.putArray("tokens");
        for (int i = 0; i < vocabulary.size(); i++) {
            array.add(vocabulary.token(i));
        }
        Json.write(file, root);
    }

    /** Writes this vocabulary to {@code file} through a temporary file. */
    public void save(Path file) {
        save(this, file);
    }

    /**
     * The vocabulary in {@code file}.
     *
     * @throws ModelFormatException naming the file (and the token or id) if it is missing, not
     *                              JSON, or breaks the rules above
     */
    public static TokenVocabulary load(Path file) {
        ObjectNode root = Json.readObject(file, "vocabulary");
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new ModelFormatException(file + " is not an attn4j vocabulary (\"format\" must be \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new ModelFormatException(file + " has version " + root.path("version") + "; this attn4j reads version "
                    + VERSION);
        }
        JsonNode array = root.get("tokens");
        if (array == null || !array.isArray()) {
            throw new ModelFormatException(file + " has no \"tokens\" array");
        }
        List<String> tokens = new ArrayList<>(array.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode t = array.get(i);
            if (!t.isTextual() || t.asText().isEmpty()) {
                throw new ModelFormatException(file + ": token " + i + " must be a non-empty string, found " + t);
            }
            String token = t.asText();
            if (i < SPECIAL_TOKENS.size() && !token.equals(SPECIAL_TOKENS.get(i))) {
                throw new ModelFormatException(file + ": id " + i + " must be the special token '" + SPECIAL_TOKENS.get(i)
                        + "', found '" + token + "'");
            }
            Integer before = seen.putIfAbsent(token, i);
            if (before != null) {
                throw new ModelFormatException(file + ": token '" + token + "' appears twice (ids " + before + " and "
                        + i + ")");
            }
            tokens.add(token);
        }
        if (tokens.size() < SPECIAL_TOKENS.size()) {
            throw new ModelFormatException(file + ": missing the special token '" + SPECIAL_TOKENS.get(tokens.size())
                    + "' (id " + tokens.size() + ")");
        }
        return new TokenVocabulary(tokens);
    }

    /** Counts tokens and builds a {@link TokenVocabulary}. Not thread-safe. */
    public static final class TokenVocabularyBuilder {
        private final Map<String, Integer> counts = new HashMap<>();
        private int minFrequency = 1;
        private int maxSize = Integer.MAX_VALUE;

        private TokenVocabularyBuilder() {
        }

        /** Keeps tokens seen at least this often; default 1. */
        public TokenVocabularyBuilder optMinFrequency(int minFrequency) {
            if (minFrequency < 1) {
                throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
            }
            this.minFrequency = minFrequency;
            return this;
        }

        /** Keeps at most this many tokens, the four specials included; default unlimited. */
        public TokenVocabularyBuilder optMaxSize(int maxSize) {
            if (maxSize < SPECIAL_TOKENS.size()) {
                throw new IllegalArgumentException("maxSize must be at least " + SPECIAL_TOKENS.size()
                        + " (the special tokens), got " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /** Counts one occurrence of {@code token}. */
        public TokenVocabularyBuilder add(String token) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("cannot count a null or empty token");
            }
            counts.merge(token, 1, Integer::sum);
            return this;
        }

        /** Counts every token of {@code tokens}. */
        public TokenVocabularyBuilder addAll(Collection<String> tokens) {
            for (String t : tokens) {
                add(t);
            }
            return this;
        }

        /** Counts the tokens {@code tokenizer} makes of each line. */
        public TokenVocabularyBuilder addCorpus(Tokenizer tokenizer, Iterable<String> lines) {
            for (String line : lines) {
                addAll(tokenizer.split(line));
            }
            return this;
        }

        /** The vocabulary of the tokens counted so far. */
        public TokenVocabulary build() {
            List<Map.Entry<String, Integer>> kept = new ArrayList<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() >= minFrequency && !SPECIAL_TOKENS.contains(e.getKey())) {
                    kept.add(e);
                }
            }
            kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            int room = maxSize - SPECIAL_TOKENS.size();
            List<String> ordinary = new ArrayList<>(Math.min(room, kept.size()));
            for (int i = 0; i < kept.size() && i < room; i++) {
                ordinary.add(kept.get(i).getKey());
            }
            return of(ordinary);
        }
    }

    @Override
    public String toString() {
        return "TokenVocabulary[" + tokens.size() + " tokens]";
    }
}
