package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.junit.jupiter.api.Test;

/**
 * Word tokenizers followed by the detokenizer give back nearly every line of real corpora; the
 * rest are texts whose spacing the rules cannot guess (for example "E.S.E." and "à bord!").
 */
class WordTokenizerCorpusTest {

    private static double exactRate(Tokenizer t, List<String> lines) {
        int same = 0;
        for (String line : lines) {
            if (t.detokenize(t.split(line)).equals(t.normalize(line))) {
                same++;
            }
        }
        return same / (double) lines.size();
    }

    private static Tokenizer create(String name, String language) {
        return Tokenizers.discover(WordTokenizerCorpusTest.class.getClassLoader())
                .create(Options.of("tokenizer", Map.of("name", name, "language", language)), null);
    }

    @Test
    void multi30kTest2016ComesBackAfterDetokenisation() {
        Path data = CorpusData.folder();
        for (String name : List.of("opennlp-simple", "opennlp")) {
            for (String language : List.of("en", "de")) {
                List<String> lines = CorpusData.lines(data.resolve("multi30k/test2016." + language));
                assertThat(exactRate(create(name, language), lines)).as(name + " " + language).isGreaterThan(0.99);
            }
        }
    }

    @Test
    void tatoebaFrenchComesBackWithFrenchSpacing() {
        Path data = CorpusData.folder();
        List<String> french = CorpusData.tatoeba(data, 1);
        assertThat(exactRate(create("opennlp-simple", "fr"), french)).isGreaterThan(0.99);
    }
}
