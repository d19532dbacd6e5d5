package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCodecTest {
    private final Tokenizers tokenizers = Tokenizers.discover(getClass().getClassLoader());

    private TextCodec wordCodec() {
        Tokenizer t = tokenizers.create(Options.of("t", Map.of("name", "opennlp-simple")), null);
        return TextCodec.build(t, List.of("A dog runs.", "A dog sits.", "A cat runs."), 2, 100);
    }

    @Test
    void encodesWithBoundariesAndUnknowns() {
        TextCodec codec = wordCodec();
        Vocabulary v = codec.vocabulary();
        int[] ids = codec.encode("A cat runs.", true, true);
        assertThat(ids).containsExactly(Vocabulary.BOS, v.id("A"), Vocabulary.UNK, v.id("runs"), v.id("."), Vocabulary.EOS);
        assertThat(codec.encode("")).isEmpty();
        assertThat(codec.encode("", true, true)).containsExactly(Vocabulary.BOS, Vocabulary.EOS);
    }

    @Test
    void textThatSpellsASpecialTokenNeverGetsItsId() {
        Tokenizer t = tokenizers.create(Options.of("t", Map.of("name", "whitespace")), null);
        TextCodec codec = TextCodec.build(t, List.of("a b"), 1, 100);
        assertThat(t.split("a </s> <pad> b")).containsExactly("a", "</s>", "<pad>", "b");
        assertThat(codec.encode("a </s> <pad> b")).containsExactly(codec.vocabulary().id("a"), Vocabulary.UNK,
                Vocabulary.UNK, codec.vocabulary().id("b"));
    }

    @Test
    void decodeSkipsPaddingAndStopsAtTheEnd() {
        TextCodec codec = wordCodec();
        Vocabulary v = codec.vocabulary();
        int[] ids = {Vocabulary.BOS, v.id("A"), Vocabulary.PAD, v.id("dog"), Vocabulary.UNK, v.id("."), Vocabulary.EOS,
            v.id("dog")};
        assertThat(codec.decode(ids)).isEqualTo("A dog <unk>.");
        assertThatThrownBy(() -> codec.decode(new int[] {999})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bpeIdsRoundTripTheTrainingText(@TempDir Path dir) {
        Tokenizer bpe = tokenizers.create(Options.of("t", Map.of("name", "bpe", "merges", 100)), BpeTokenizerTest.CORPUS);
        TextCodec codec = TextCodec.build(bpe, BpeTokenizerTest.CORPUS, 1, Integer.MAX_VALUE);
        codec.save(dir);
        TextCodec again = TextCodec.load(dir, tokenizers);
        for (String line : BpeTokenizerTest.CORPUS) {
            int[] ids = again.encode(line, true, true);
            assertThat(ids).doesNotContain(Vocabulary.UNK).containsExactly(codec.encode(line, true, true));
            assertThat(again.decode(ids)).isEqualTo(bpe.normalize(line));
        }
    }

    @Test
    void aMissingVocabularyIsNamed(@TempDir Path dir) {
        wordCodec().tokenizer().save(dir);
        assertThatThrownBy(() -> TextCodec.load(dir, tokenizers)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("vocab.json");
    }

}
