package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVocabularyTest {

    private static TokenVocabulary build(List<String> tokens, int minFrequency, int maxSize) {
        return TokenVocabulary.builder().optMinFrequency(minFrequency).optMaxSize(maxSize).addAll(tokens).build();
    }

    @Test
    void specialTokensHaveFixedIds() {
        TokenVocabulary v = build(List.of("b", "a", "b"), 1, 100);
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<s>", "</s>", "b", "a");
        assertThat(v.id("<pad>")).isEqualTo(Vocabulary.PAD);
        assertThat(v.id("</s>")).isEqualTo(Vocabulary.EOS);
        assertThat(v.id("never seen")).isEqualTo(Vocabulary.UNK);
        assertThat(v.contains("never seen")).isFalse();
        assertThat(v.isSpecial(3)).isTrue();
        assertThat(v.isSpecial(4)).isFalse();
        assertThat(v.decode(v.encode(List.of("a", "zzz")))).containsExactly("a", "<unk>");
    }

    @Test
    void minFrequencyMaxSizeAndDeterministicTies() {
        List<String> tokens = new ArrayList<>(List.of("the", "the", "the", "dog", "dog", "cat", "cat", "ant", "ant", "x"));
        TokenVocabulary v = build(tokens, 2, 7);
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<s>", "</s>", "the", "ant", "cat");
        Collections.shuffle(tokens, new Random(7));
        assertThat(build(tokens, 2, 7).tokens()).isEqualTo(v.tokens());
        assertThat(build(tokens, 1, Integer.MAX_VALUE).tokens()).endsWith("dog", "x");
    }

    @Test
    void specialStringsInTheCorpusAreNotCountedTwice() {
        TokenVocabulary v = build(List.of("<unk>", "<s>", "a"), 1, 100);
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<s>", "</s>", "a");
    }

    @Test
    void badBuilderSettingsAndTokens() {
        assertThatThrownBy(() -> TokenVocabulary.builder().optMaxSize(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4");
        assertThatThrownBy(() -> TokenVocabulary.builder().optMinFrequency(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVocabulary.builder().add("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVocabulary.of(List.of("a", "a"))).hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> build(List.of("a"), 1, 10).token(5)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("token id 5 outside [0, 5)");
    }

    @Test
    void savesAndLoadsTheSameIdsAtomically(@TempDir Path dir) throws Exception {
        TokenVocabulary v = build(List.of("Männer", "\u2581a", "\"quoted\"", "日本", "\uD83D\uDE00"), 1, 100);
        Path file = dir.resolve("sub").resolve("vocab.json");
        v.save(file);
        assertThat(TokenVocabulary.load(file).tokens()).isEqualTo(v.tokens());
        TokenVocabulary smaller = build(List.of("x"), 1, 100);
        smaller.save(file);
        assertThat(TokenVocabulary.load(file).tokens()).isEqualTo(smaller.tokens());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    private static ModelFormatException loadError(Path dir, String json) throws Exception {
        Path file = dir.resolve("vocab.json");
        Files.writeString(file, json);
        try {
            TokenVocabulary.load(file);
        } catch (ModelFormatException e) {
            assertThat(e).hasMessageContaining(file.toString());
            return e;
        }
        throw new AssertionError("loading " + json + " did not fail");
    }

    private static String file(String tokens) {
        return "{\"format\": \"attn4j-vocabulary\", \"version\": 1, \"tokens\": [" + tokens + "]}";
    }

    @Test
    void badFilesAreClearErrorsNamingFileAndToken(@TempDir Path dir) throws Exception {
        String specials = "\"<pad>\", \"<unk>\", \"<s>\", \"</s>\"";
        assertThat(loadError(dir, file(specials + ", \"a\", \"b\", \"a\""))).hasMessageContaining(
                "token 'a' appears twice (ids 4 and 6)");
        assertThat(loadError(dir, file(specials + ", \"<unk>\""))).hasMessageContaining("'<unk>' appears twice (ids 1 and 4)");
        assertThat(loadError(dir, file("\"<pad>\", \"<unk>\""))).hasMessageContaining(
                "missing the special token '<s>' (id 2)");
        assertThat(loadError(dir, file("\"<pad>\", \"a\", \"<s>\", \"</s>\", \"<unk>\""))).hasMessageContaining(
                "id 1 must be the special token '<unk>', found 'a'");
        assertThat(loadError(dir, file(specials + ", 5"))).hasMessageContaining("token 4 must be a non-empty string");
        assertThat(loadError(dir, file(specials + ", \"\""))).hasMessageContaining("token 4 must be a non-empty string");
        assertThat(loadError(dir, file(specials).substring(0, 60))).hasMessageContaining("not valid JSON");
        assertThat(loadError(dir, "[1, 2]")).hasMessageContaining("must hold a JSON object");
        assertThat(loadError(dir, "")).hasMessageContaining("must hold a JSON object, found nothing");
        assertThat(loadError(dir, "{\"format\": \"something\"}")).hasMessageContaining("not an attn4j vocabulary");
        assertThat(loadError(dir, "{\"format\": \"attn4j-vocabulary\", \"version\": 1}")).hasMessageContaining(
                "no \"tokens\" array");
        assertThat(loadError(dir, "{\"format\": \"attn4j-vocabulary\", \"version\": 1, \"version\": 2, \"tokens\": []}"))
                .hasMessageContaining("Duplicate field 'version'");
        assertThatThrownBy(() -> TokenVocabulary.load(dir.resolve("missing.json"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("vocabulary file not found").hasMessageContaining("missing.json");
    }
}
