package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code sentencepiece} tokenizer on the real Marian fixture
 * ({@code shared/fixtures/hf/marian-tiny-en-fr}) gives the tokens and ids that Hugging Face's
 * MarianTokenizer recorded in its {@code reference.json}: the source model's pieces (an
 * unknown run of characters, such as two emoji, is one piece), mapped through
 * {@code vocab.json} (unknown pieces to {@code <unk>}), then {@code </s>}. Skipped when
 * the fixtures folder is absent.
 */
class SentencePieceMarianTest {

    @Test
    void sourceTokensAndIdsMatchMarianTokenizer() throws Exception {
        Path dir = Path.of(System.getProperty("attn4j.fixtures", "../../shared/fixtures"), "hf", "marian-tiny-en-fr");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("reference.json")), dir.toAbsolutePath().normalize()
                + " not found (set -Dattn4j.fixtures): Marian tokenizer parity skipped");
        ObjectMapper json = new ObjectMapper();
        JsonNode vocab = json.readTree(dir.resolve("vocab.json").toFile());
        Tokenizer t = new SentencePieceTokenizerProvider().create(Options.of("tokenizer",
                Map.of("model", dir.resolve("source.spm").toString())), null);
        int cases = 0;
        for (JsonNode c : json.readTree(dir.resolve("reference.json").toFile()).get("tokenizer")) {
            List<String> tokens = new ArrayList<>(t.split(c.get("text").asText()));
            tokens.add("</s>");
            List<Integer> ids = tokens.stream().map(p -> vocab.path(p).asInt(vocab.get("<unk>").asInt())).toList();
            // the reference lists the tokens of its ids, so a piece the vocabulary lacks reads <unk>
            tokens.replaceAll(p -> vocab.has(p) ? p : "<unk>");
            List<String> expectedTokens = new ArrayList<>();
            c.get("tokens").forEach(x -> expectedTokens.add(x.asText()));
            List<Integer> expectedIds = new ArrayList<>();
            c.get("input_ids").forEach(x -> expectedIds.add(x.asInt()));
            assertThat(tokens).as("tokens of '%s'", c.get("text").asText()).isEqualTo(expectedTokens);
            assertThat(ids).as("ids of '%s'", c.get("text").asText()).isEqualTo(expectedIds);
            cases++;
        }
        System.out.println("sentencepiece: Marian fixture tokens and ids identical on " + cases + "/" + cases + " texts");
        assertThat(cases).isPositive();
    }
}
