package org.attn4j.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;

/**
 * A host application's own tokenizer, written against {@code attn4j-api} alone and bound in
 * Guice rather than listed for {@code ServiceLoader}: lower-cased words (letters, digits and
 * apostrophes) and single punctuation marks; {@link #detokenize} attaches punctuation to the
 * word before it.
 */
final class HostWordsTokenizer implements Tokenizer {
    static final String NAME = "host-words";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    @Override
    public List<Token> tokenize(String text) {
        String s = normalize(text);
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < s.length() && isWordChar(s.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(s.substring(start, i), start, i));
            } else {
                int end = s.offsetByCodePoints(i, 1);
                tokens.add(new Token(s.substring(i, end), i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    @Override
    public String detokenize(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        for (String t : tokens) {
            if (t == null) {
                throw new IllegalArgumentException("null token");
            }
            boolean attach = out.length() == 0 || (t.length() == 1 && ".,!?;:".contains(t));
            out.append(attach ? "" : " ").append(t);
        }
        return out.toString();
    }

    @Override
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tokenizer.json"),
                    "{\"format\": \"attn4j-tokenizer\", \"version\": 1, \"name\": \"" + NAME + "\", \"options\": {}}\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its provider: the host binds an instance in Guice. */
    static final class Provider implements TokenizerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "The host's lower-cased words and punctuation.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Tokenizer create(Options options, Iterable<String> trainingText) {
            options.checkKeys(List.of());
            return new HostWordsTokenizer();
        }

        @Override
        public Tokenizer load(Path dir) {
            if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
                throw new ModelFormatException(dir.resolve("tokenizer.json") + " is missing");
            }
            return new HostWordsTokenizer();
        }
    }
}
