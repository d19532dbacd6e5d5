package org.attn4j.core.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.attn4j.api.ConfigurationException;

/**
 * How BLEU splits a detokenised line into words, named as in sacreBLEU ({@code --tokenize}).
 * Each tokenizer returns the line with its tokens separated by single spaces; BLEU then counts
 * n-grams over those tokens. All of them are stateless and thread-safe.
 *
 * <p>Example: {@code BleuTokenizer.MTEVAL_13A.tokenize("It wasn't 3.5 km.")} gives
 * {@code "It wasn't 3.5 km ."}.
 */
public enum BleuTokenizer {
    /** {@code 13a}: mteval-v13a's rules, sacreBLEU's default (ASCII symbols and punctuation). */
    MTEVAL_13A("13a") {
        @Override
        public String tokenize(String line) {
            return Mteval13a.tokenize(line);
        }
    },
    /** {@code none}: the line as it is; tokens are its whitespace-separated words. */
    NONE("none") {
        @Override
        public String tokenize(String line) {
            return line;
        }
    },
    /** {@code intl}: mteval-v14's international rules (Unicode punctuation and symbols). */
    INTL("intl") {
        @Override
        public String tokenize(String line) {
            return MtevalIntl.tokenize(line);
        }
    },
    /** {@code char}: every non-whitespace character (code point) is a token. */
    CHAR("char") {
        @Override
        public String tokenize(String line) {
            StringBuilder out = new StringBuilder(line.length() * 2);
            line.codePoints().forEach(cp -> {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.appendCodePoint(cp);
            });
            return PyText.squeeze(out.toString());
        }
    };

    private final String id;

    BleuTokenizer(String id) {
        this.id = id;
    }

    /**
     * Tokenizes one line.
     *
     * @param line a detokenised segment, not null
     * @return the tokens of the line separated by single spaces
     */
    public abstract String tokenize(String line);

    /** The name used by sacreBLEU, in signatures and on the command line: {@code 13a}, ... */
    public String id() {
        return id;
    }

    /**
     * The tokenizer with the given sacreBLEU name.
     *
     * @throws ConfigurationException if no tokenizer has that name; the message lists them
     */
    public static BleuTokenizer fromId(String id) {
        Objects.requireNonNull(id, "id");
        for (BleuTokenizer t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new ConfigurationException("unknown BLEU tokenizer '" + id + "'; valid: "
                + Arrays.stream(values()).map(BleuTokenizer::id).collect(Collectors.joining(", ")));
    }
}
