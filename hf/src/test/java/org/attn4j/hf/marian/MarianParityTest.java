package org.attn4j.hf.marian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.HfBeamSearch;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.testing.Fixture;
import org.attn4j.hf.HfCheckpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The imported Marian model against the references Hugging Face transformers computed
 * ({@code shared/fixtures/hf/marian-tiny-en-fr}): encoder states and teacher-forced logits within
 * 1e-4 (F32 weights) or 1e-2 (F16), greedy and beam-4 outputs token for token, beam scores.
 */
class MarianParityTest {
    static Path fixture() {
        Path dir = Fixture.folder().resolve("hf").resolve("marian-tiny-en-fr");
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " not found (set -Dattn4j.fixtures): Marian parity skipped");
        return dir;
    }

    static JsonNode reference(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    }

    private static MarianImporter.Converted convert(Path dir, String weights) {
        try (HfCheckpoint ck = HfCheckpoint.open(dir, weights)) {
            return MarianImporter.convert(ck);
        }
    }

    /** Marian ids to attn4j ids, the decoder start as {@code <s>}. */
    private static int[] ids(JsonNode marian, int[] map, boolean decoderInput) {
        int[] out = new int[marian.size()];
        for (int i = 0; i < out.length; i++) {
            int m = marian.get(i).asInt();
            out[i] = decoderInput && i == 0 ? Vocabulary.BOS : map[m];
        }
        return out;
    }

    private static Tensor idTensor(EagerOps ops, int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = ids[i];
        }
        return ops.constantIds(l, 1, l.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"model.safetensors, 1e-4", "model.f16.safetensors, 1e-2"})
    void encoderStatesAndLogitsMatch(String weights, double tolerance) throws IOException {
        Path dir = fixture();
        JsonNode ref = reference(dir);
        MarianImporter.Converted c = convert(dir, weights);
        Seq2SeqModel model = c.model();
        int[] map = c.vocabulary().marianToAttn4j();
        int[] perm = c.vocabulary().permutation();
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        double worstEncoder = 0;
        for (JsonNode e : ref.get("encoder")) {
            int[] src = ids(e.get("input_ids"), map, false);
            double w = ops.noGrad(() -> {
                Tensor s = ops.constantIds(toLong(src), 1, src.length);
                EncoderOutput enc = model.encoder().encode(ops, s, ops.notEqual(s, Vocabulary.PAD));
                return maxDiff(((EagerTensor) enc.memory()).floats(), flatten(e.get("last_hidden_state")));
            });
            worstEncoder = Math.max(worstEncoder, w);
        }
        JsonNode tf = ref.get("teacher_forcing");
        int[] src = ids(tf.get("input_ids"), map, false);
        int[] dec = ids(tf.get("decoder_input_ids"), map, true);
        float[] logits = ops.noGrad(() -> {
            Tensor s = idTensor(ops, src);
            return ((EagerTensor) model.logits(ops, s, ops.notEqual(s, Vocabulary.PAD), idTensor(ops, dec))).floats()
                    .clone();
        });
        int v = perm.length;
        JsonNode hfLogits = tf.get("logits");
        double worstLogit = 0;
        for (int t = 0; t < dec.length; t++) {
            for (int a = 0; a < v; a++) {
                if (a == Vocabulary.BOS) {
                    continue; // the copy of the decoder-start row
                }
                worstLogit = Math.max(worstLogit, Math.abs(logits[t * v + a] - hfLogits.get(t).get(perm[a]).asDouble()));
            }
        }
        System.out.printf("Marian %s: max |encoder - HF| %.3g, max |logits - HF| %.3g%n", weights, worstEncoder, worstLogit);
        assertThat(worstEncoder).isLessThan(tolerance);
        assertThat(worstLogit).isLessThan(tolerance);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"model.safetensors", "model.f16.safetensors"})
    void greedyAndBeamOutputsMatchTokenForToken(String weights) throws IOException {
        Path dir = fixture();
        JsonNode ref = reference(dir);
        MarianImporter.Converted c = convert(dir, weights);
        int[] map = c.vocabulary().marianToAttn4j();
        int[] perm = c.vocabulary().permutation();
        int v = perm.length;
        List<String> greedyMismatch = new ArrayList<>();
        int greedyCount = 0;
        for (JsonNode g : ref.get("greedy")) {
            int[][] src = {ids(g.get("input_ids"), map, false)};
            Hypothesis h = new GreedySearch(20, true).search(new EagerStepFunction(c.model(), v), src, false).get(0).get(0);
            List<Integer> got = marian(h, perm);
            List<Integer> want = new ArrayList<>();
            g.get("output_ids").forEach(x -> want.add(x.asInt()));
            want.remove(0); // the decoder start
            greedyCount++;
            if (!got.equals(want)) {
                greedyMismatch.add(g.get("text").asText() + ": " + got + " vs HF " + want);
            }
        }
        List<String> beamMismatch = new ArrayList<>();
        // The references come from the F32 model; rounding the weights to F16 moves scores by up to
        // ~1e-3, so with F16 weights a second-best hypothesis whose HF score is within 1e-2 of the
        // best may be displaced by another near-tie. Counted and printed, never for the best.
        boolean f16 = weights.contains("f16");
        List<String> nearTies = new ArrayList<>();
        double worstScore = 0;
        int beamCount = 0;
        for (JsonNode b : ref.get("beam4")) {
            int[][] src = {ids(b.get("input_ids"), map, false)};
            List<Hypothesis> hs = new HfBeamSearch(4, 1.0, false, true, 2, 20)
                    .search(new EagerStepFunction(c.model(), v), src, false).get(0);
            for (int k = 0; k < 2; k++) {
                List<Integer> want = new ArrayList<>();
                b.get("output_ids").get(k).forEach(x -> want.add(x.asInt()));
                want.remove(0);
                while (!want.isEmpty() && want.get(want.size() - 1) == 1478 && want.size() > 1) {
                    want.remove(want.size() - 1); // right padding of the shorter sequence
                }
                List<Integer> got = marian(hs.get(k), perm);
                beamCount++;
                double gap = Math.abs(b.get("sequence_scores").get(0).asDouble() - b.get("sequence_scores").get(1).asDouble());
                if (!got.equals(want) && f16 && k == 1 && gap < 1e-2) {
                    nearTies.add(b.get("text").asText() + " #" + k + " (HF's two scores " + gap + " apart)");
                } else if (!got.equals(want)) {
                    beamMismatch.add(b.get("text").asText() + " #" + k + ": " + got + " vs HF " + want);
                } else {
                    worstScore = Math.max(worstScore, Math.abs(hs.get(k).score() - b.get("sequence_scores").get(k).asDouble()));
                }
            }
        }
        System.out.printf("Marian %s: greedy %d/%d identical, beam-4 %d/%d identical, max |score - HF| %.3g;"
                + " second-best near-ties displaced: %s%n", weights, greedyCount - greedyMismatch.size(), greedyCount,
                beamCount - beamMismatch.size() - nearTies.size(), beamCount, worstScore, nearTies);
        assertThat(nearTies.size()).isLessThanOrEqualTo(f16 ? 2 : 0);
        assertThat(greedyMismatch).as("greedy outputs that differ from Hugging Face's").isEmpty();
        assertThat(beamMismatch).as("beam outputs that differ from Hugging Face's").isEmpty();
        assertThat(worstScore).isLessThan(weights.contains("f16") ? 1e-2 : 1e-4);
    }

    /** A hypothesis as Marian ids, with EOS (0) appended when it finished. */
    private static List<Integer> marian(Hypothesis h, int[] perm) {
        List<Integer> out = new ArrayList<>();
        for (int t : h.tokens()) {
            out.add(perm[t]);
        }
        if (h.finished()) {
            out.add(perm[Vocabulary.EOS]);
        }
        return out;
    }

    private static long[] toLong(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = ids[i];
        }
        return l;
    }

    static float[] flatten(JsonNode rows) {
        List<Float> all = new ArrayList<>();
        rows.forEach(r -> r.forEach(x -> all.add((float) x.asDouble())));
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
