package org.attn4j.hf.bert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.core.testing.Fixture;
import org.attn4j.hf.HfImport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BERT encoder against the references Hugging Face transformers computed
 * ({@code shared/fixtures/hf/bert-tiny}), read straight from the Hugging Face directory and after
 * {@link HfImport#importModel} into an attn4j directory: tokens and ids exactly (every sentence,
 * the pair, the padded batch), hidden states, pooled output and every attention map within 1e-4.
 */
class BertParityTest {
    private static final double TOLERANCE = 1e-4;

    static Path fixture() {
        Path dir = Fixture.folder().resolve("hf").resolve("bert-tiny");
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " not found (set -Dattn4j.fixtures): BERT parity skipped");
        return dir;
    }

    private static BertEncoder load(String from, Path fixture, Path tmp) {
        if (from.equals("huggingface")) {
            return BertEncoder.load(fixture);
        }
        Path out = HfImport.importModel(fixture, tmp.resolve("bert-tiny"));
        assertThat(BertEncoder.isImportedBert(out)).isTrue();
        return BertEncoder.load(out);
    }

    @ParameterizedTest(name = "from {0}")
    @ValueSource(strings = {"huggingface", "imported"})
    void tokensHiddenStatesPooledOutputAndAttentionsMatch(String from, @TempDir Path tmp) throws IOException {
        Path dir = fixture();
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        BertEncoder bert = load(from, dir, tmp);
        Worst worst = new Worst();
        int texts = 0;
        List<JsonNode> cases = new ArrayList<>();
        ref.get("sentences").forEach(cases::add);
        cases.add(ref.get("pair"));
        for (JsonNode c : cases) {
            BertOutput out = c.has("text_pair")
                    ? bert.encodePairs(List.of(c.get("text").asText()), List.of(c.get("text_pair").asText()))
                    : bert.encode(List.of(c.get("text").asText()));
            String what = c.get("text").asText();
            assertThat(out.input().tokens().get(0)).as("tokens of %s", what).isEqualTo(strings(c.get("tokens")));
            assertThat(out.input().inputIds()[0]).as("input_ids of %s", what).containsExactly(ints(c.get("input_ids")));
            assertThat(out.input().tokenTypeIds()[0]).as("token_type_ids of %s", what)
                    .containsExactly(ints(c.get("token_type_ids")));
            assertThat(out.input().attentionMask()[0]).as("attention_mask of %s", what)
                    .containsExactly(ints(c.get("attention_mask")));
            worst.hidden = Math.max(worst.hidden, maxDiff(out.lastHiddenState()[0], c.get("last_hidden_state")));
            worst.pooled = Math.max(worst.pooled, maxDiff(out.pooledOutput()[0], c.get("pooler_output")));
            JsonNode att = c.get("attentions");
            assertThat(out.attentions().length).as("layers").isEqualTo(att.size());
            for (int l = 0; l < att.size(); l++) {
                assertThat(out.attentions()[l][0].length).as("heads").isEqualTo(att.get(l).size());
                for (int h = 0; h < att.get(l).size(); h++) {
                    worst.attention = Math.max(worst.attention, maxDiff(out.attentions()[l][0][h], att.get(l).get(h)));
                }
            }
            texts++;
        }
        JsonNode batch = ref.get("padded_batch");
        BertOutput out = bert.encode(strings(batch.get("texts")));
        for (int b = 0; b < batch.get("input_ids").size(); b++) {
            assertThat(out.input().inputIds()[b]).as("padded input_ids %d", b).containsExactly(ints(batch.get("input_ids").get(b)));
            assertThat(out.input().tokenTypeIds()[b]).containsExactly(ints(batch.get("token_type_ids").get(b)));
            assertThat(out.input().attentionMask()[b]).as("padded attention_mask %d", b)
                    .containsExactly(ints(batch.get("attention_mask").get(b)));
            worst.batchHidden = Math.max(worst.batchHidden, maxDiff(out.lastHiddenState()[b],
                    batch.get("last_hidden_state").get(b)));
            worst.batchPooled = Math.max(worst.batchPooled, maxDiff(out.pooledOutput()[b], batch.get("pooler_output").get(b)));
        }
        assertThat(out.hiddenStates().length).isEqualTo(bert.layers() + 1);
        assertThat(out.hiddenStates()[bert.layers()]).isDeepEqualTo(out.lastHiddenState());
        System.out.printf("BERT bert-tiny from %s: %d texts + padded batch of %d, tokens and ids identical;"
                + " max |last_hidden_state - HF| %.3g, max |pooler_output - HF| %.3g, max |attentions - HF| %.3g;"
                + " padded batch: max |last_hidden_state - HF| %.3g (padded positions included), max |pooler_output - HF|"
                + " %.3g%n", from, texts, batch.get("input_ids").size(), worst.hidden, worst.pooled, worst.attention,
                worst.batchHidden, worst.batchPooled);
        assertThat(worst.hidden).isLessThan(TOLERANCE);
        assertThat(worst.pooled).isLessThan(TOLERANCE);
        assertThat(worst.attention).isLessThan(TOLERANCE);
        assertThat(worst.batchHidden).isLessThan(TOLERANCE);
        assertThat(worst.batchPooled).isLessThan(TOLERANCE);
    }

    /**
     * BF16 weights (the fixture's rounded to nearest) import and run: the outputs stay within
     * what rounding every weight to 8 significant bits moves them (the references are of the F32
     * weights, so 1e-4 cannot hold; the figure is printed).
     */
    @org.junit.jupiter.api.Test
    void bf16WeightsImportAndStayCloseToTheF32References(@TempDir Path tmp) throws IOException {
        Path src = fixture();
        Path dir = tmp.resolve("bf16");
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json")) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        SafeTensorsEdit.toBf16(src.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        JsonNode ref = new ObjectMapper().readTree(src.resolve("reference.json").toFile());
        BertEncoder bert = BertEncoder.load(HfImport.importModel(dir, tmp.resolve("imported")));
        JsonNode first = ref.get("sentences").get(0);
        BertOutput out = bert.encode(List.of(first.get("text").asText()));
        assertThat(out.input().inputIds()[0]).containsExactly(ints(first.get("input_ids")));
        double hidden = maxDiff(out.lastHiddenState()[0], first.get("last_hidden_state"));
        double pooled = maxDiff(out.pooledOutput()[0], first.get("pooler_output"));
        System.out.printf("BERT bert-tiny BF16 weights: max |last_hidden_state - HF(F32)| %.3g, max |pooler_output -"
                + " HF(F32)| %.3g%n", hidden, pooled);
        assertThat(hidden).isLessThan(0.05);
        assertThat(pooled).isLessThan(0.05);
        assertThat(hidden).as("BF16 rounding does move the outputs: the weights were really rounded").isGreaterThan(1e-4);
    }

    private static final class Worst {
        double hidden;
        double pooled;
        double attention;
        double batchHidden;
        double batchPooled;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** Max |a - b| over a vector {@code [D]} and its reference, both read as float32. */
    static double maxDiff(float[] a, JsonNode b) {
        assertThat(a).hasSize(b.size());
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - (float) b.get(i).asDouble()));
        }
        return m;
    }

    /** Max |a - b| over rows {@code [T][D]} and their reference. */
    static double maxDiff(float[][] a, JsonNode b) {
        assertThat(a.length).as("rows").isEqualTo(b.size());
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, maxDiff(a[i], b.get(i)));
        }
        return m;
    }
}
