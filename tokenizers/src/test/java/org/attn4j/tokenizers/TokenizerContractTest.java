package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every tokenizer keeps (see {@link Tokenizer}); each tokenizer's test extends it.
 */
abstract class TokenizerContractTest {

    /** Texts that exercise spacing, Unicode normalisation, surrogate pairs and reserved characters. */
    static final List<String> SAMPLES = List.of(
            "Two young, White males are outside near many bushes.",
            "Zwei junge weiße Männer sind im Freien in der Nähe vieler Büsche.",
            "Qu'est-ce que c'est\u202f? Va\u00a0! «\u00a0Oui\u00a0»",
            "  leading and   trailing\tspaces \n",
            "e\u0301le\u0300ve, cafe\u0301 and na\u0308ive",
            "emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD and \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 family",
            "A T-shirt costs $3.50, isn't it? (Yes: 3,5 %.)",
            "back\\slash and \u2581marker and \\\u2581 both \u2581\u2581",
            "日本語のテキスト、です。",
            "Ünïcödé ÇA ŞEHİR ΣΊΣΥΦΟΣ",
            "soft\u00adhyphen zero\u200bwidth \uFEFFbom",
            "x",
            "... !!! ??? --- \"quoted\" 'single'",
            "A\u2009thin\u3000ideographic\u2028line\u2029para\u0085nel\u000bvt");

    /** The tokenizer under test with its default options. */
    protected abstract TokenizerProvider provider();

    /** Training text for tokenizers that learn; null for the others. */
    protected Iterable<String> trainingText() {
        return null;
    }

    /** Whether {@code detokenize(split(text))} must give back the normalised text exactly. */
    protected abstract boolean lossless();

    /** The files a saved tokenizer of this kind writes, for the no-stray-file check. */
    protected List<String> savedFiles() {
        return List.of("tokenizer.json");
    }

    /**
     * Whether {@code token} is a byte token, which spells part of a character (see
     * {@link org.attn4j.api.text.Token}): empty, at the start of that character, and counted as
     * covering it. None by default.
     */
    protected boolean isByteToken(String token) {
        return false;
    }

    private static boolean insidePair(String s, int offset) {
        return offset > 0 && offset < s.length() && Character.isHighSurrogate(s.charAt(offset - 1))
                && Character.isLowSurrogate(s.charAt(offset));
    }

    /** The options of {@link #tokenizer()}. */
    protected Map<String, Object> defaultOptions() {
        return Map.of();
    }

    /** A new tokenizer with {@code options} on top of {@link #defaultOptions()}. */
    protected Tokenizer create(Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(defaultOptions());
        all.putAll(options);
        return provider().create(Options.of("tokenizer", all), trainingText());
    }

    /** One tokenizer with the default options per test class (models and merges are costly to build). */
    protected Tokenizer tokenizer() {
        return SHARED.computeIfAbsent(getClass(), k -> create(Map.of()));
    }

    private static final Map<Class<?>, Tokenizer> SHARED = new ConcurrentHashMap<>();

    @Test
    void offsetsReproduceTheSurfaceOfEachToken() {
        Tokenizer t = tokenizer();
        for (String text : SAMPLES) {
            String normalized = t.normalize(text);
            List<Token> tokens = t.tokenize(text);
            assertThat(tokens).as("tokens of %s", text).isNotEmpty();
            int previousEnd = 0;
            for (Token token : tokens) {
                assertThat(token.start()).as("token %s of %s starts after the previous one", token, text)
                        .isGreaterThanOrEqualTo(previousEnd);
                assertThat(normalized.substring(token.start(), token.end())).as("surface of %s in %s", token, text)
                        .isEqualTo(t.surface(token.text()));
                previousEnd = token.end();
            }
        }
    }

    @Test
    void everyNonSpaceCharIsInSomeToken() {
        Tokenizer t = tokenizer();
        for (String text : SAMPLES) {
            String normalized = t.normalize(text);
            boolean[] covered = new boolean[normalized.length()];
            for (Token token : t.tokenize(text)) {
                for (int i = token.start(); i < token.end(); i++) {
                    covered[i] = true;
                }
                if (isByteToken(token.text()) && token.start() < normalized.length()) {
                    // byte tokens are empty and sit at the start of the character they spell
                    int cp = normalized.codePointAt(token.start());
                    for (int i = token.start(); i < token.start() + Character.charCount(cp); i++) {
                        covered[i] = true;
                    }
                }
            }
            for (int i = 0; i < covered.length; i++) {
                if (normalized.charAt(i) != ' ') {
                    assertThat(covered[i]).as("char %d of '%s' is covered", i, normalized).isTrue();
                }
            }
        }
    }

    @Test
    void tokensNeverSplitASurrogatePair() {
        Tokenizer t = tokenizer();
        for (String text : SAMPLES) {
            String normalized = t.normalize(text);
            for (Token token : t.tokenize(text)) {
                assertThat(insidePair(normalized, token.start())).as("%s starts mid-pair", token).isFalse();
                assertThat(insidePair(normalized, token.end())).as("%s ends mid-pair", token).isFalse();
                if (token.start() < token.end()) {
                    assertThat(Character.isLowSurrogate(normalized.charAt(token.start()))).as("%s starts with a low surrogate",
                            token).isFalse();
                    assertThat(Character.isHighSurrogate(normalized.charAt(token.end() - 1))).as("%s ends with a high"
                            + " surrogate", token).isFalse();
                }
            }
        }
    }

    @Test
    void emptyAndWhitespaceOnlyTextGiveNoTokens() {
        Tokenizer t = tokenizer();
        for (String blank : List.of("", " ", "   \t\n", "\u00a0\u202f\u2009\u3000", "\r\n\u2028")) {
            assertThat(t.tokenize(blank)).as("tokens of %s", blank.codePoints().boxed().toList()).isEmpty();
            assertThat(t.normalize(blank)).isEmpty();
        }
        assertThat(t.detokenize(List.of())).isEmpty();
    }

    @Test
    void nullIsAClearError() {
        Tokenizer t = tokenizer();
        assertThatThrownBy(() -> t.tokenize(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> t.normalize(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> t.detokenize(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        List<String> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        assertThatThrownBy(() -> t.detokenize(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 1 is null");
    }

    @Test
    void deterministicAcrossCallsAndInstances() {
        Tokenizer a = tokenizer();
        Tokenizer b = create(Map.of());
        for (String text : SAMPLES) {
            assertThat(a.tokenize(text)).isEqualTo(a.tokenize(text)).isEqualTo(b.tokenize(text));
        }
    }

    @Test
    void detokenizeOfSplitGivesTheNormalisedTextWhenLossless() {
        if (!lossless()) {
            return;
        }
        Tokenizer t = tokenizer();
        for (String text : SAMPLES) {
            assertThat(t.detokenize(t.split(text))).isEqualTo(t.normalize(text));
        }
    }

    @Test
    void savedAndReloadedGivesTheSameTokensAndIds(@TempDir Path dir) throws Exception {
        Tokenizer t = tokenizer();
        TextCodec codec = TextCodec.build(t, SAMPLES, 1, Integer.MAX_VALUE);
        codec.save(dir);
        TextCodec again = TextCodec.load(dir, Tokenizers.discover(getClass().getClassLoader()));
        assertThat(again.tokenizer().name()).isEqualTo(t.name());
        for (String text : SAMPLES) {
            assertThat(again.tokenizer().tokenize(text)).isEqualTo(t.tokenize(text));
            assertThat(again.encode(text, true, true)).containsExactly(codec.encode(text, true, true));
        }
        List<String> expected = new ArrayList<>(savedFiles());
        expected.add(TokenVocabulary.FILE_NAME);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left behind")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void unknownOptionFailsNamingItAndTheValidOnes() {
        assertThatThrownBy(() -> create(Map.of("lowercasee", true))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tokenizer.lowercasee").hasMessageContaining("lowercase, ");
        assertThatThrownBy(() -> create(Map.of("onInvalidChar", "drop"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[error, replace]");
    }

    @Test
    void lowercaseOptionLowercases() {
        Tokenizer t = create(Map.of("lowercase", true));
        assertThat(t.normalize("Zwei MÄNNER")).isEqualTo("zwei männer");
        assertThat(String.join("", t.split("Zwei MÄNNER")).chars().noneMatch(Character::isUpperCase)).isTrue();
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreErrorsByDefault() {
        Tokenizer t = tokenizer();
        assertThatThrownBy(() -> t.tokenize("bell\u0007here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0007").hasMessageContaining("offset 4");
        assertThatThrownBy(() -> t.tokenize("half \uD83D pair")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D83D").hasMessageContaining("offset 5");
        assertThatThrownBy(() -> t.tokenize("\uDE00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+DE00");
    }

    @Test
    void replacePolicyTurnsInvalidCharactersIntoReplacementCharacters() {
        Tokenizer t = create(Map.of("onInvalidChar", "replace"));
        assertThat(t.normalize("bell\u0007here \uD83D x\u0000")).isEqualTo("bell\uFFFDhere \uFFFD x\uFFFD");
        String joined = String.join("", t.tokenize("bell\u0007here").stream().map(tok -> t.surface(tok.text())).toList());
        assertThat(joined).isEqualTo("bell\uFFFDhere");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed requirement
    void aOneMegabyteLineDoesNotHang() {
        Tokenizer t = tokenizer();
        StringBuilder words = new StringBuilder();
        while (words.length() < 1_000_000) {
            words.append("A man, in a blue shirt's pocket, is running. ");
        }
        List<Token> tokens = t.tokenize(words.toString());
        assertThat(tokens.get(tokens.size() - 1).end()).isEqualTo(t.normalize(words.toString()).length());
        String noSpaces = "ab.".repeat(333_334);
        tokens = t.tokenize(noSpaces);
        assertThat(tokens.get(tokens.size() - 1).end()).isEqualTo(noSpaces.length());
        String oneWord = "a".repeat(1_000_000);
        tokens = t.tokenize(oneWord);
        assertThat(tokens.get(tokens.size() - 1).end()).isEqualTo(oneWord.length());
        if (lossless()) {
            assertThat(t.detokenize(t.split(oneWord))).isEqualTo(oneWord);
        }
    }

    @Test
    void sharedBetweenThreadsGivesTheSameTokens() throws Exception {
        Tokenizer t = tokenizer();
        Map<String, List<Token>> expected = new HashMap<>();
        for (String text : SAMPLES) {
            expected.put(text, t.tokenize(text));
        }
        Tokenizer fresh = create(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int rep = 0; rep < 20; rep++) {
                        for (String text : SAMPLES) {
                            same &= fresh.tokenize(text).equals(expected.get(text));
                        }
                    }
                    return same;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
