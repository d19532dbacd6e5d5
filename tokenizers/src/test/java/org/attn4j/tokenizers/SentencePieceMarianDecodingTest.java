package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decoding: marian} and {@code cleanUpSpaces}: pieces become text as Hugging Face's
 * MarianTokenizer decodes with {@code skip_special_tokens=True} and
 * {@code clean_up_tokenization_spaces}, where the SentencePiece library itself decodes
 * differently (an unknown piece's {@code ▁} stays, {@code <unk>} is {@code " ⁇ "}).
 */
class SentencePieceMarianDecodingTest {
    @TempDir
    Path dir;

    private static Tokenizer create(Map<String, Object> extra) {
        Map<String, Object> o = new java.util.HashMap<>(extra);
        o.put("model", SentencePieceTokenizerTest.model("unigram-nmt.model").toString());
        return new SentencePieceTokenizerProvider().create(Options.of("tokenizer", o), null);
    }

    @Test
    void marianDecodingDropsSpecialTokensSpacesEveryMarkerAndTrims() {
        Tokenizer reference = create(Map.of());
        Tokenizer marian = create(Map.of("decoding", "marian"));
        Tokenizer cleaned = create(Map.of("decoding", "marian", "cleanUpSpaces", true));
        List<String> pieces = List.of("<unk>", "\u2581Il", "\u2581est", "<unk>", "\u2581l\u00e0", "\u2581notAPiece\u2581x",
                "\u2581.", "</s>", "<pad>");
        assertThat(reference.detokenize(pieces)).contains("\u2047").contains("notAPiece\u2581x");
        assertThat(marian.detokenize(pieces)).isEqualTo("Il est l\u00e0 notAPiece x .");
        assertThat(cleaned.detokenize(pieces)).isEqualTo("Il est l\u00e0 notAPiece x.");
        // Python's strip() takes NBSP and U+202F off the ends too
        assertThat(marian.detokenize(List.of("\u2581\u00a0Oui\u202f"))).isEqualTo("Oui");
    }

    @Test
    void cleanUpFollowsHuggingFacesReplacements() {
        assertThat(SentencePieceTokenizer.cleanUp("I do n't know , it 's \" a ' b ' c \" . Really ? Yes ! We 're , they 've"
                + " I 'm")).isEqualTo("I don't know, it's \" a'b'c \". Really? Yes! We're, they've I'm");
    }

    @Test
    void theSettingsSurviveASaveAndReload() {
        Tokenizer cleaned = create(Map.of("decoding", "marian", "cleanUpSpaces", true));
        cleaned.save(dir);
        Tokenizer back = new SentencePieceTokenizerProvider().load(dir);
        List<String> pieces = List.of("\u2581Oui", "<unk>", "\u2581!");
        assertThat(back.detokenize(pieces)).isEqualTo(cleaned.detokenize(pieces)).isEqualTo("Oui!");
    }
}
