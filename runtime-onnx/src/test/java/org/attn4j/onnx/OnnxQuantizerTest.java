package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.StepFunction;
import org.attn4j.core.generate.StepScores;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.LoadedModel;
import org.attn4j.core.pipeline.ModelDirectory;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export --quantize int8}: a small Transformer and a small bi-GRU model, trained briefly
 * here on the shipped Tatoeba pairs, exported as float and as int8. The int8 graphs are at most
 * 30% of the float ones, keep the interface, run on ONNX Runtime (which fuses the integer matmuls
 * into its {@code MatMulIntegerToFloat} kernel), give logits near the float graphs' and mostly the same
 * greedy translations.
 */
class OnnxQuantizerTest {
    @TempDir
    static Path dir;
    static List<String> sentences;

    @BeforeAll
    static void train() throws IOException {
        TatoebaModel.writePairs(dir);
        String common = """
                data:
                  train: {tsv: pairs.tsv}
                tokenizer:
                  source: {name: bpe, merges: 400}
                  target: {name: bpe, merges: 400}
                training:
                  epochs: EPOCHS
                  max_tokens: 1500
                  optimizer: {name: adam, lr: 0.004}
                  clip_norm: 1.0
                  validate_bleu: false
                """;
        trainPair("transformer", common.replace("EPOCHS", "5") + """
                model:
                  encoder: {name: transformer, d_model: 32, heads: 2, layers: 2, ffn_dim: 64, dropout: 0.0, norm: pre}
                  decoder: {name: transformer, d_model: 32, heads: 2, layers: 2, ffn_dim: 64, dropout: 0.0, norm: pre}
                """);
        trainPair("gru", common.replace("EPOCHS", "3") + """
                model:
                  encoder: {name: rnn, cell: gru, embedding_dim: 32, hidden: 48, bidirectional: true}
                  decoder: {name: rnn, cell: gru, embedding_dim: 32, hidden: 64, attention: {name: additive, dim: 48}}
                """);
        sentences = TatoebaModel.sentences();
    }

    /** Trains {@code name}/float, exports it as float, and copies it to {@code name}/int8 exported as int8. */
    private static void trainPair(String name, String yaml) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        Path floatModel = dir.resolve(name).resolve("float");
        Attn4j.train(config, floatModel, null);
        OnnxExporter.export(floatModel, TatoebaModel.PLUGINS);
        Path int8 = TatoebaModel.copy(floatModel, dir.resolve(name).resolve("int8"));
        Manifest m = OnnxExporter.exportInt8(int8, TatoebaModel.PLUGINS, 0);
        assertThat(m.quantization()).isNotNull();
    }

    private static long onnxBytes(Path model) throws IOException {
        long n = 0;
        try (var files = Files.list(model.resolve(OnnxExporter.DIRECTORY))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.toString().endsWith(".onnx")) {
                    n += Files.size(p);
                }
            }
        }
        return n;
    }

    /**
     * The bytes of the model's weight matrices over all graph files: the float initializers of
     * rank &ge; 2 named as parameters, or their int8 copies and scales ({@code <name>.int8},
     * {@code <name>.scale}). 1-D parameters (biases, norms) stay float and are left out.
     */
    private static long weightBytes(Path model) throws IOException {
        Set<String> parameters = LoadedModel.load(new ModelDirectory(model), TatoebaModel.PLUGINS).model()
                .namedParameters().keySet();
        long n = 0;
        try (var files = Files.list(model.resolve(OnnxExporter.DIRECTORY))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.toString().endsWith(".onnx")) {
                    continue;
                }
                for (TensorProto t : ModelProto.parseFrom(Files.readAllBytes(p)).getGraph().getInitializerList()) {
                    String base = t.getName().replaceFirst("\\.(int8|scale)$", "");
                    boolean matrix = t.getDimsCount() >= 2 || !base.equals(t.getName());
                    if (parameters.contains(base) && matrix) {
                        n += t.getRawData().size();
                    }
                }
            }
        }
        return n;
    }

    @Test
    void rowsRoundTripWithinHalfAStep() {
        SplittableRandom rng = new SplittableRandom(7);
        int rows = 5;
        int cols = 33;
        float[] w = new float[rows * cols];
        for (int i = cols; i < w.length; i++) { // row 0 stays all zero
            w[i] = (float) (rng.nextGaussian() * (1 + i / cols));
        }
        byte[] q = new byte[w.length];
        float[] scale = new float[rows];
        OnnxQuantizer.quantizeRows(w, rows, cols, q, scale);
        assertThat(scale[0]).isEqualTo(1f);
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(w[r * cols + c]));
                assertThat((double) Math.abs(q[r * cols + c] * scale[r] - w[r * cols + c]))
                        .isLessThanOrEqualTo(scale[r] / 2 + 1e-6);
                assertThat((int) q[r * cols + c]).isBetween(-127, 127);
            }
            if (r > 0) {
                assertThat(scale[r]).isEqualTo(max / 127);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"transformer", "gru"})
    void int8GraphsAreAtMost30PercentAndKeepTheInterface(String name) throws IOException {
        Path f = dir.resolve(name).resolve("float");
        Path q = dir.resolve(name).resolve("int8");
        long floatBytes = onnxBytes(f);
        long int8Bytes = onnxBytes(q);
        Manifest mf = Manifest.read(f.resolve("onnx/manifest.json"));
        Manifest mq = Manifest.read(q.resolve("onnx/manifest.json"));
        assertThat(mf.quantization()).isNull();
        assertThat(mq.quantization().scheme()).isEqualTo("int8");
        assertThat(mq.quantization().integerMatmuls()).isPositive();
        assertThat(mq.quantization().int8Gathers()).isPositive();
        assertThat(mq.encoder()).isEqualTo(mf.encoder());
        assertThat(mq.decoderStep()).isEqualTo(mf.decoderStep());
        assertThat(mq.decoderStepCached()).isEqualTo(mf.decoderStepCached());
        long floatWeights = weightBytes(f);
        long int8Weights = weightBytes(q);
        System.out.printf("%s int8: .onnx files %d of %d bytes (%.1f%%), weight matrices %d of %d bytes (%.1f%%)%n", name,
                int8Bytes, floatBytes, 100.0 * int8Bytes / floatBytes, int8Weights, floatWeights,
                100.0 * int8Weights / floatWeights);
        assertThat((double) int8Weights / floatWeights).as("%s: weight matrices %d of %d bytes", name, int8Weights,
                floatWeights).isLessThanOrEqualTo(0.30);
        if (name.equals("gru")) {
            // the D 32 Transformer's files are dominated by what int8 leaves alone: a float positional table
            // [512, 32] in each of its three graphs, and some 800 nodes; the GRU model's by its weights
            assertThat((double) int8Bytes / floatBytes).as("%s: %d of %d bytes", name, int8Bytes, floatBytes)
                    .isLessThanOrEqualTo(0.30);
        }
        // no large float parameter is left in the step graph
        Set<String> parameters = LoadedModel.load(new ModelDirectory(q), TatoebaModel.PLUGINS).model()
                .namedParameters().keySet();
        ModelProto step = ModelProto.parseFrom(Files.readAllBytes(q.resolve("onnx/decoder_step.onnx")));
        for (TensorProto t : step.getGraph().getInitializerList()) {
            long n = t.getDimsList().stream().reduce(1L, (a, b) -> a * b);
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getDimsCount() >= 2
                    && parameters.contains(t.getName())) {
                assertThat(n).as(t.getName()).isLessThan(OnnxQuantizer.MIN_ELEMENTS);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"transformer/int8/onnx/decoder_step_cached.onnx", "gru/int8/onnx/decoder_step.onnx"})
    void ortFusesTheIntegerMatmulsAndFoldsTheDequantizedWeights(String file) throws IOException, OrtException {
        Path graph = dir.resolve(file);
        Set<String> before = opTypes(ModelProto.parseFrom(Files.readAllBytes(graph)));
        assertThat(before).contains("DynamicQuantizeLinear", "MatMulInteger").doesNotContain("DynamicQuantizeMatMul");
        if (file.startsWith("gru")) {
            assertThat(before).contains("DequantizeLinear", "GRU");
        }
        Path optimized = dir.resolve("optimized.onnx");
        // with the backend's own session options
        try (OrtSession.SessionOptions o = SessionSettings.options(new RuntimeConfig("onnx", "cpu", 1, "all"))) {
            o.setOptimizedModelFilePath(optimized.toString());
            try (OrtSession s = SessionSettings.environment().createSession(graph.toString(), o)) {
                assertThat(s.getInputNames()).contains(Manifest.PREVIOUS_TOKENS);
            }
        }
        Set<String> after = opTypes(ModelProto.parseFrom(Files.readAllBytes(optimized)));
        // session.disable_quant_qdq (which folds the DequantizeLinear) keeps DynamicQuantizeLinear apart from
        // the fused MatMulIntegerToFloat in the Transformer's graph
        assertThat(after).containsAnyOf("DynamicQuantizeMatMul", "MatMulIntegerToFloat")
                .doesNotContain("MatMulInteger", "DequantizeLinear");
    }

    private static Set<String> opTypes(ModelProto m) {
        Set<String> ops = new HashSet<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            ops.add(n.getOpType());
        }
        return ops;
    }

    @ParameterizedTest
    @ValueSource(strings = {"transformer", "gru"})
    void int8LogitsStayNearFloat(String name) {
        RuntimeConfig rc = new RuntimeConfig("onnx", "cpu", 1, "all");
        try (OnnxModel f = OnnxModel.open(dir.resolve(name).resolve("float/onnx"), rc);
                OnnxModel q = OnnxModel.open(dir.resolve(name).resolve("int8/onnx"), rc)) {
            int v = f.manifest().targetVocabularySize();
            int[][] sources = sources(f.manifest().sourceVocabularySize());
            double[] d = compare(f.newStepFunction(), q.newStepFunction(), sources, v);
            // d[0]: largest |float - int8| logit; d[1]: largest |float logit|; d[2]: argmax agreement
            System.out.printf("%s int8: max |dlogit| %.4f (max |logit| %.2f), argmax agreement %.3f%n", name, d[0], d[1],
                    d[2]);
            assertThat(d[0]).isLessThan(0.03 * d[1]);
            assertThat(d[2]).isGreaterThanOrEqualTo(0.9);
        }
    }

    private static int[][] sources(int vocabulary) {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] s = new int[8][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new int[3 + i];
            for (int j = 0; j < s[i].length - 1; j++) {
                s[i][j] = 4 + rng.nextInt(vocabulary - 4);
            }
            s[i][s[i].length - 1] = 3;
        }
        return s;
    }

    /** Steps both with the float graph's greedy tokens; returns max abs difference, max abs logit, argmax agreement. */
    private static <A, B> double[] compare(StepFunction<A> f, StepFunction<B> q, int[][] sources, int v) {
        A a = f.encode(sources);
        B b = q.encode(sources);
        int[] previous = new int[sources.length];
        Arrays.fill(previous, 2);
        double worst = 0;
        double largest = 0;
        int same = 0;
        int total = 0;
        for (int step = 0; step < 8; step++) {
            StepScores<A> sa = f.step(a, previous, false);
            StepScores<B> sb = q.step(b, previous, false);
            worst = Math.max(worst, GraphHarness.maxAbs(sa.logits(), sb.logits()));
            for (float x : sa.logits()) {
                largest = Math.max(largest, Math.abs(x));
            }
            for (int r = 0; r < sources.length; r++) {
                int ta = ExportParity.argmax(sa.logits(), r, v);
                same += ta == ExportParity.argmax(sb.logits(), r, v) ? 1 : 0;
                total++;
                previous[r] = ta;
            }
            a = sa.state();
            b = sb.state();
        }
        return new double[] {worst, largest, (double) same / total};
    }

    @ParameterizedTest
    @ValueSource(strings = {"transformer", "gru"})
    void theOnnxBackendDecodesTheInt8ExportMostlyAlike(String name) {
        try (Translator f = Translator.open(dir.resolve(name).resolve("float"), TatoebaModel.PLUGINS, "onnx");
                Translator q = Translator.open(dir.resolve(name).resolve("int8"), TatoebaModel.PLUGINS, "onnx")) {
            List<Translation> a = f.translate(sentences, new GreedySearch(0), false);
            List<Translation> b = q.translate(sentences, new GreedySearch(0), true);
            int same = 0;
            for (int i = 0; i < a.size(); i++) {
                same += a.get(i).targetTokens().equals(b.get(i).targetTokens()) ? 1 : 0;
                if (name.equals("gru")) {
                    assertThat(b.get(i).attention()).isNotNull();
                }
            }
            System.out.printf("%s int8: %d of %d greedy translations identical to float%n", name, same, a.size());
            assertThat(same).as("identical greedy translations of %d", a.size()).isGreaterThanOrEqualTo(a.size() * 6 / 10);
            assertThat(b.stream().map(Translation::text).distinct().count()).isGreaterThan(5);
        }
    }
}
