package org.attn4j.hf.marian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.pipeline.ModelDirectory;
import org.attn4j.hf.HfCheckpoint;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizers an import writes ({@code source/} with the {@code sentencepiece} plugin and a
 * copy of {@code source.spm}) give, after reloading, the ids Hugging Face's MarianTokenizer
 * recorded in the fixture's {@code reference.json}, mapped to attn4j's ids; the target codec
 * decodes the greedy and beam outputs to the texts it recorded. Skipped without
 * {@code shared/fixtures}.
 */
class MarianTokenizerImportTest {

    @Test
    void theImportedCodecsEncodeAndDecodeAsMarianTokenizer(@TempDir Path out) throws Exception {
        Path dir = MarianParityTest.fixture();
        int[] map;
        try (HfCheckpoint ck = HfCheckpoint.open(dir, "model.safetensors")) {
            new MarianImporter().importTo(ck, out);
        }
        try (HfCheckpoint ck = HfCheckpoint.open(dir, "model.safetensors")) {
            map = MarianVocabulary.read(ck.requireFile("vocab.json"), MarianSettings.read(ck)).marianToAttn4j();
        }
        TextCodec source = TextCodec.load(new ModelDirectory(out).source(), Tokenizers.discover(PluginDiscovery.contextLoader()));
        int cases = 0;
        for (JsonNode c : MarianParityTest.reference(dir).get("tokenizer")) {
            int[] expected = new int[c.get("input_ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = map[c.get("input_ids").get(i).asInt()];
            }
            assertThat(source.encode(c.get("text").asText(), false, true)).as("ids of '%s', expected %s",
                    c.get("text").asText(), Arrays.toString(expected)).containsExactly(expected);
            cases++;
        }
        assertThat(cases).isPositive();

        TextCodec target = TextCodec.load(new ModelDirectory(out).target(), Tokenizers.discover(PluginDiscovery.contextLoader()));
        int decoded = 0;
        for (JsonNode g : MarianParityTest.reference(dir).get("greedy")) {
            int[] ids = new int[g.get("output_ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = map[g.get("output_ids").get(i).asInt()];
            }
            assertThat(target.decode(ids)).as("decoding of %s", Arrays.toString(ids)).isEqualTo(g.get("decoded").asText());
            decoded++;
        }
        for (JsonNode b : MarianParityTest.reference(dir).get("beam4")) {
            for (int k = 0; k < b.get("output_ids").size(); k++) {
                JsonNode marian = b.get("output_ids").get(k);
                int[] ids = new int[marian.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = map[marian.get(i).asInt()];
                }
                assertThat(target.decode(ids)).as("decoding of %s", Arrays.toString(ids))
                        .isEqualTo(b.get("decoded").get(k).asText());
                decoded++;
            }
        }
        System.out.printf("Marian import: source ids identical on %d/%d texts, target decodes identical on %d/%d outputs%n",
                cases, cases, decoded, decoded);
        assertThat(decoded).isPositive();
    }
}
