package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest extends TokenizerContractTest {

    /** A small corpus: the samples (minus the last two, so that some characters stay unseen) and a few more lines. */
    static final List<String> CORPUS;

    static {
        List<String> lines = new ArrayList<>(SAMPLES.subList(0, SAMPLES.size() - 2));
        lines.addAll(List.of("A man is running with his dog in the park.", "The dogs are running and jumping.",
                "Ein Mann rennt mit seinem Hund im Park.", "Die Hunde rennen und springen.",
                "Un homme court avec son chien dans le parc."));
        CORPUS = List.copyOf(lines);
    }

    @Override
    protected TokenizerProvider provider() {
        return new BpeTokenizerProvider();
    }

    @Override
    protected Iterable<String> trainingText() {
        return CORPUS;
    }

    @Override
    protected Map<String, Object> defaultOptions() {
        return Map.of("merges", 150);
    }

    @Override
    protected boolean lossless() {
        return true;
    }

    @Test
    void marksWordStartsAndKeepsGluedPunctuationUnmarked() {
        Tokenizer t = tokenizer();
        List<String> tokens = t.split("The dogs, running.");
        assertThat(tokens.get(0)).startsWith("\u2581");
        assertThat(tokens).contains(",", ".").doesNotContain("\u2581,", "\u2581.");
        assertThat(String.join("", tokens).replace('\u2581', ' ').strip()).isEqualTo("The dogs, running.");
        assertThat(t.detokenize(tokens)).isEqualTo("The dogs, running.");
    }

    @Test
    void frequentWordsBecomeOneSubwordAndRareOnesSeveral() {
        Tokenizer t = tokenizer();
        assertThat(t.split("running")).containsExactly("\u2581running");
        assertThat(t.split("Zwiebelkuchen").size()).isGreaterThan(1);
    }

    @Test
    void combiningMarksStayWithTheirBaseCharacter() {
        BpeTokenizer none = (BpeTokenizer) provider().create(Options.of("tokenizer", Map.of("merges", 0)), CORPUS);
        assertThat(none.split("q\u0307x")).containsExactly("\u2581q\u0307", "x");
    }

    @Test
    void learningStopsWhenPairsRunOut() {
        BpeTokenizer t = (BpeTokenizer) provider().create(Options.of("tokenizer", Map.of("merges", 100_000)), CORPUS);
        assertThat(t.mergeCount()).isLessThan(100_000).isPositive();
        BpeTokenizer none = (BpeTokenizer) provider().create(Options.of("tokenizer", Map.of("merges", 0)), CORPUS);
        assertThat(none.mergeCount()).isZero();
        assertThat(none.split("ab")).containsExactly("\u2581a", "b");
    }

    @Test
    void everyPretokenizerRoundTrips() {
        for (String pre : List.of("whitespace", "opennlp-simple", "opennlp")) {
            Tokenizer t = create(Map.of("merges", 100, "pretokenizer", pre));
            for (String text : SAMPLES) {
                assertThat(t.detokenize(t.split(text))).as(pre + ": " + text).isEqualTo(t.normalize(text));
            }
        }
    }

    @Test
    void needsTrainingText() {
        assertThatThrownBy(() -> provider().create(Options.of("model.tokenizer", Map.of()), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("model.tokenizer")
                .hasMessageContaining("training text");
        assertThatThrownBy(() -> provider().create(Options.of("t", Map.of("merges", -1)), CORPUS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("t.merges");
        assertThatThrownBy(() -> provider().create(Options.of("t", Map.of("pretokenizer", "moses")), CORPUS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("[opennlp, opennlp-simple, whitespace]");
    }

    @Test
    void aBadTrainingLineIsNamed() {
        assertThatThrownBy(() -> provider().create(Options.empty("t"), List.of("fine", "not\u0001fine")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training line 2")
                .hasMessageContaining("U+0001");
    }

    @Test
    void corruptMergesInASavedFileAreNamed(@TempDir Path dir) throws Exception {
        tokenizer().save(dir);
        Path file = dir.resolve(TokenizerFile.FILE_NAME);
        String json = Files.readString(file);
        Files.writeString(file, json.replaceFirst("\"merges\" : \\[ \\[", "\"merges\" : [ [ 7, "));
        assertThatThrownBy(() -> provider().load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("merge 0");
        Files.writeString(file, json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> provider().load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON");
        Files.writeString(file, json.replace("\"name\" : \"bpe\"", "\"name\" : \"char\""));
        assertThatThrownBy(() -> provider().load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("holds a 'char' tokenizer, not 'bpe'");
        Files.delete(file);
        assertThatThrownBy(() -> provider().load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not found").hasMessageContaining(file.toString());
    }
}
