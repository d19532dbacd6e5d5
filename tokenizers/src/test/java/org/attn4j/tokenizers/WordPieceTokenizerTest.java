package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Token;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wordpiece tokenizer: the shared contract, run with {@code stripAccents: never} and
 * {@code cleanText: false} so that its normalisation is the contract's (NFC, control characters
 * an error by default: BERT's accent stripping and cleanup drop characters, which the contract's
 * NFC and "nothing else is dropped" rules do not allow, and which the tests below check on their
 * own); then BERT's rules, and the tokens Hugging Face's BertTokenizer gave for the bert-tiny
 * fixture.
 */
class WordPieceTokenizerTest extends TokenizerContractTest {

    static Path testVocab() {
        try {
            return Path.of(WordPieceTokenizerTest.class.getResource("/wordpiece/vocab.txt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected TokenizerProvider provider() {
        return new WordPieceTokenizerProvider();
    }

    @Override
    protected Map<String, Object> defaultOptions() {
        return Map.of("vocab", testVocab().toString(), "stripAccents", "never");
    }

    @Override
    protected boolean lossless() {
        return false;
    }

    @Override
    protected List<String> savedFiles() {
        return List.of("tokenizer.json", WordPieceTokenizer.VOCAB_FILE);
    }

    /** BERT's uncased settings over the test vocabulary. */
    private WordPieceTokenizer bert() {
        return (WordPieceTokenizer) provider().create(Options.of("tokenizer", Map.of("vocab", testVocab().toString(),
                "lowercase", true, "cleanText", true)), null);
    }

    @Test
    void splitsWordsGreedilyLongestPieceFirst() {
        WordPieceTokenizer t = bert();
        assertThat(t.split("Unbelievably, the cat is running!"))
                .containsExactly("un", "##believ", "##ably", ",", "the", "cat", "is", "run", "##ning", "!");
        assertThat(t.split("cats")).containsExactly("cat", "##s");
        List<Token> tokens = t.tokenize("cats");
        assertThat(tokens.get(1)).isEqualTo(new Token("##s", 3, 4));
        assertThat(t.surface("##s")).isEqualTo("s");
    }

    @Test
    void aWordWithoutPiecesIsOneUnknownToken() {
        WordPieceTokenizer t = bert();
        assertThat(t.split("the ca\u00df7 cat")).containsExactly("the", "ca\u00df7", "cat");
        assertThat(t.id("ca\u00df7")).isEqualTo(-1);
        assertThat(t.id("cat")).isEqualTo(7);
        assertThat(t.id("##n")).as("a repeated line: the last one wins").isEqualTo(72);
        String longWord = "a".repeat(101);
        assertThat(t.split(longWord + " a")).containsExactly(longWord, "a");
        assertThat(t.split("a".repeat(100))).hasSize(100);
    }

    @Test
    void punctuationIsSplitIncludingAsciiSymbols() {
        WordPieceTokenizer t = bert();
        assertThat(t.split("(3$5)'s")).containsExactly("(", "3", "$", "5", ")", "'", "s");
        assertThat(t.split("a^b`c")).containsExactly("a", "^", "b", "`", "c");
        assertThat(t.split("\u00abx\u00bb\u2014y")).containsExactly("\u00ab", "x", "\u00bb", "\u2014", "y");
    }

    @Test
    void cjkIdeographsAreWordsOfTheirOwnButKanaIsNot() {
        WordPieceTokenizer t = bert();
        assertThat(t.split("\u65e5\u672c\u8a9eの")).containsExactly("\u65e5", "\u672c", "\u8a9e", "の");
        WordPieceTokenizer joined = (WordPieceTokenizer) provider().create(Options.of("tokenizer",
                Map.of("vocab", testVocab().toString(), "chineseChars", false)), null);
        assertThat(joined.split("\u65e5\u672c")).containsExactly("\u65e5\u672c");
    }

    @Test
    void lowercasingStripsAccentsUnlessTold() {
        assertThat(bert().normalize("R\u00e9sum\u00e9 NA\u00cfVE \u1e9b\u0323")).isEqualTo("resume naive \u017f");
        WordPieceTokenizer keep = (WordPieceTokenizer) provider().create(Options.of("tokenizer",
                Map.of("vocab", testVocab().toString(), "lowercase", true, "stripAccents", "never")), null);
        assertThat(keep.normalize("R\u00e9sum\u00e9")).isEqualTo("r\u00e9sum\u00e9");
        WordPieceTokenizer cased = (WordPieceTokenizer) provider().create(Options.of("tokenizer",
                Map.of("vocab", testVocab().toString(), "stripAccents", "always")), null);
        assertThat(cased.normalize("R\u00e9sum\u00e9")).isEqualTo("Resume");
        assertThat(bert().normalize("a \u0301 b")).as("a stripped lone mark leaves no double space").isEqualTo("a b");
    }

    @Test
    void cleanTextDropsControlAndFormatCharactersAsBertDoes() {
        WordPieceTokenizer t = bert();
        assertThat(t.normalize("bell\u0007here\u0000 zero\u200bwidth\ufffd\u00ad\tx\u2028y\u0085z"))
                .isEqualTo("bellhere zerowidth x yz");
        assertThat(t.tokenize("\u0007\u200b")).isEmpty();
    }

    @Test
    void detokenizeGluesContinuationPieces() {
        WordPieceTokenizer t = bert();
        assertThat(t.detokenize(t.split("Unbelievably, the cat!"))).isEqualTo("unbelievably , the cat !");
    }

    @Test
    void aMissingVocabularyIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("vocab.txt");
        assertThatThrownBy(() -> provider().create(Options.of("tokenizer", Map.of("vocab", missing.toString())), null))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("missing");
    }

    @Test
    void reloadedFromItsDirectoryKeepsVocabularyAndSettings(@TempDir Path dir) {
        WordPieceTokenizer t = bert();
        t.save(dir);
        WordPieceTokenizer again = (WordPieceTokenizer) provider().load(dir);
        assertThat(again.vocabulary()).isEqualTo(t.vocabulary());
        String text = "R\u00e9sum\u00e9\u0007 of the CATS, \u65e5\u672c!";
        assertThat(again.tokenize(text)).isEqualTo(t.tokenize(text));
    }

    /** The tokens Hugging Face's BertTokenizer gave for the fixture's sentences (shared/fixtures/hf/bert-tiny). */
    @Test
    void matchesHuggingFaceOnTheBertTinyFixture() throws Exception {
        Path dir = Path.of(System.getProperty("attn4j.fixtures", "../../shared/fixtures")).resolve("hf").resolve("bert-tiny");
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " not found (set -Dattn4j.fixtures): BERT tokens skipped");
        WordPieceTokenizer t = (WordPieceTokenizer) provider().create(Options.of("tokenizer",
                Map.of("vocab", dir.resolve("vocab.txt").toString(), "lowercase", true, "cleanText", true)), null);
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        List<JsonNode> cases = new ArrayList<>();
        ref.get("sentences").forEach(cases::add);
        cases.add(ref.get("pair"));
        int checked = 0;
        for (JsonNode c : cases) {
            List<String> want = new ArrayList<>();
            c.get("tokens").forEach(x -> want.add(x.asText()));
            List<String> got = new ArrayList<>();
            got.add("[CLS]");
            got.addAll(bertTokens(t, c.get("text").asText()));
            got.add("[SEP]");
            if (c.has("text_pair")) {
                got.addAll(bertTokens(t, c.get("text_pair").asText()));
                got.add("[SEP]");
            }
            assertThat(got).as("tokens of %s", c.get("text")).isEqualTo(want);
            checked++;
        }
        System.out.printf("wordpiece: %d/%d texts of bert-tiny give Hugging Face's tokens%n", checked, cases.size());
    }

    /** Tokens with the words outside the vocabulary as [UNK], as BertTokenizer writes them. */
    private static List<String> bertTokens(WordPieceTokenizer t, String text) {
        Map<String, String> unk = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String s : t.split(text)) {
            out.add(t.id(s) < 0 ? unk.computeIfAbsent(s, k -> "[UNK]") : s);
        }
        return out;
    }
}
