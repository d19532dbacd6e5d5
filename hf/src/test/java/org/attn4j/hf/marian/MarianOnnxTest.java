package org.attn4j.hf.marian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.HfBeamSearch;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.generate.Search;
import org.attn4j.core.generate.StepFunction;
import org.attn4j.hf.HfCheckpoint;
import org.attn4j.onnx.ExportParity;
import org.attn4j.onnx.OnnxExporter;
import org.attn4j.onnx.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The imported Marian model (F32) exported to ONNX: both step graphs give the Java engine's
 * logits at every step of a ragged batch with a beam-style reorder, and greedy and Hugging Face
 * style beam-4 search over ONNX Runtime give the Java engine's tokens (and so Hugging Face's)
 * for every reference sentence, cached and uncached.
 */
class MarianOnnxTest {
    @TempDir
    Path dir;

    @Test
    void theExportMatchesTheJavaEngineCachedAndUncached() throws IOException {
        Path fixture = MarianParityTest.fixture();
        JsonNode ref = MarianParityTest.reference(fixture);
        MarianImporter.Converted c;
        try (HfCheckpoint ck = HfCheckpoint.open(fixture)) {
            c = MarianImporter.convert(ck);
        }
        int v = c.vocabulary().permutation().length;
        double cachedWorst = ExportParity.check(c.model(), v, dir.resolve("cached"), true);
        double uncachedWorst = ExportParity.check(c.model(), v, dir.resolve("uncached"), false);

        int[] map = c.vocabulary().marianToAttn4j();
        List<int[]> sources = new ArrayList<>();
        for (JsonNode g : ref.get("greedy")) {
            sources.add(ids(g.get("input_ids"), map));
        }
        for (JsonNode b : ref.get("beam4")) {
            sources.add(ids(b.get("input_ids"), map));
        }
        Path onnx = dir.resolve("cached").resolve(OnnxExporter.DIRECTORY);
        int compared = 0;
        List<String> differ = new ArrayList<>();
        try (OnnxModel m = OnnxModel.open(onnx, new RuntimeConfig("onnx", "cpu", 1, "all"))) {
            for (Search s : List.of(new GreedySearch(20, true), new HfBeamSearch(4, 1.0, false, true, 2, 20))) {
                for (int[] src : sources) {
                    int[][] one = {src};
                    List<Hypothesis> java = s.search(new EagerStepFunction(c.model(), v), one, false).get(0);
                    for (boolean cached : new boolean[] {true, false}) {
                        StepFunction<?> f = m.newStepFunction(cached);
                        List<Hypothesis> ort = s.search(f, one, false).get(0);
                        for (int k = 0; k < java.size(); k++) {
                            compared++;
                            Hypothesis a = java.get(k);
                            Hypothesis b = ort.get(k);
                            if (!Arrays.equals(a.tokens(), b.tokens()) || a.finished() != b.finished()) {
                                differ.add(s + (cached ? " cached " : " uncached ") + Arrays.toString(a.tokens()) + " vs "
                                        + Arrays.toString(b.tokens()));
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("Marian on ONNX Runtime: max |logits - Java| cached %.3g, uncached %.3g; %d/%d hypotheses"
                + " identical%n", cachedWorst, uncachedWorst, compared - differ.size(), compared);
        assertThat(cachedWorst).isLessThan(1e-4);
        assertThat(uncachedWorst).isLessThan(1e-4);
        assertThat(compared).isGreaterThan(100);
        assertThat(differ).isEmpty();
    }

    private static int[] ids(JsonNode marian, int[] map) {
        int[] out = new int[marian.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = map[marian.get(i).asInt()];
        }
        return out;
    }
}
