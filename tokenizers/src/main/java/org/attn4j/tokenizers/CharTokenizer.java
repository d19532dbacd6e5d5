package org.attn4j.tokenizers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.Subwords;
import org.attn4j.tokenizers.internal.TokenizerFile;

/**
 * {@code char}: one token per character of the normalised text, for small experiments.
 *
 * <p>A character is a code point together with the combining marks that follow it, so a
 * surrogate pair or a base letter with its accents is one token. A space is the token
 * {@code ▁} (U+2581); a literal U+2581 or backslash in the text is escaped with a backslash
 * ({@code \▁}, {@code \\}), so {@link #detokenize} is lossless:
 * {@code detokenize(split(text))} equals {@code normalize(text)}. {@link #surface} of the space
 * token is {@code " "}. Immutable and thread-safe.
 *
 * <pre>{@code
 * charTokenizer.split("Va !")   // [V, a, ▁, !]
 * }</pre>
 */
public final class CharTokenizer implements Tokenizer {
    /** The provider name. */
    public static final String NAME = "char";

    private final TextNormalizer normalizer;

    CharTokenizer(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String normalize(String text) {
        return normalizer.normalize(text);
    }

    @Override
    public List<Token> tokenize(String text) {
        String s = normalizer.normalize(text);
        int n = s.length();
        List<Token> tokens = new ArrayList<>(n);
        int i = 0;
        while (i < n) {
            if (s.charAt(i) == ' ') {
                tokens.add(new Token(Subwords.MARKER_STRING, i, i + 1));
                i++;
                continue;
            }
            int end = i + Character.charCount(s.codePointAt(i));
            while (end < n && Subwords.isCombiningMark(s.codePointAt(end))) {
                end += Character.charCount(s.codePointAt(end));
            }
            tokens.add(new Token(Subwords.key(s, i, end, false), i, end));
            i = end;
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

    @Override
    public void save(Path dir) {
        TokenizerFile.write(dir, TokenizerFile.create(NAME, CommonOptions.saved(normalizer)));
    }

    @Override
    public String toString() {
        return "CharTokenizer[" + normalizer + "]";
    }
}
