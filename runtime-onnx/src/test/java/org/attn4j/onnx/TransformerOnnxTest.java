package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Search;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.LoadedModel;
import org.attn4j.core.pipeline.ModelDirectory;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Transformer on ONNX Runtime. Seeded random models (post- and pre-norm, D 8, 2 heads,
 * 2 + 2 layers): the cached step graph ({@code decoder_step_cached.onnx}) and the uncached one
 * ({@code decoder_step.onnx}, the decoder over the whole prefix) give the eager engine's logits
 * within 1e-4 at batch 3 and 1 with a beam-style reorder. A small Transformer trained here on the
 * shipped Tatoeba pairs decodes 50 unseen sentences to the same tokens with greedy and beam-5
 * search on the Java engine and on both ONNX step graphs, with the same attention maps; a
 * truncated or missing cached graph is refused naming the file.
 */
class TransformerOnnxTest {
    private static final int V = 13; // ExportParity feeds ids up to 12

    @TempDir
    static Path dir;
    static Path model;
    static List<String> sentences;

    static Seq2SeqModel random(String norm, long seed) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("d_model", 8);
        o.put("heads", 2);
        o.put("layers", 2);
        o.put("ffn_dim", 12);
        o.put("dropout", 0.0);
        o.put("norm", norm);
        ModelContext ctx = new ModelContext(V, V, TatoebaModel.PLUGINS.attentionFactory(), new SplittableRandom(seed));
        Encoder e = TatoebaModel.PLUGINS.get(PluginKind.ENCODER, "transformer").create(Options.of("model.encoder", o), ctx);
        Decoder d = TatoebaModel.PLUGINS.get(PluginKind.DECODER, "transformer")
                .create(Options.of("model.decoder", o), e, ctx);
        return Seq2SeqModel.of(e, d);
    }

    @ParameterizedTest(name = "{0}-norm, cached={1}")
    @CsvSource({"post, true", "post, false", "pre, true", "pre, false"})
    void logitsMatchTheEagerEngineCachedAndUncached(String norm, boolean cached, @TempDir Path out) {
        Seq2SeqModel m = random(norm, 11);
        assertThat(ExportParity.check(m, V, out, cached)).isLessThan(1e-4);
        Manifest manifest = Manifest.read(out.resolve("onnx/manifest.json"));
        assertThat(manifest.decoderStep().file()).isEqualTo("decoder_step.onnx");
        assertThat(manifest.state()).containsExactly("encoded.memory", "encoded.mask", "prefix");
        assertThat(manifest.decoderStepCached().graph().file()).isEqualTo("decoder_step_cached.onnx");
        assertThat(manifest.decoderStepCached().state()).contains("memory", "mask", "layer0.self.input",
                "layer1.self.cache.keys", "layer1.cross.values");
        assertThat(manifest.decoderStepCached().updatedState()).contains("layer0.self.input", "layer1.self.cache.values")
                .doesNotContain("memory", "layer0.cross.values");
        assertThat(manifest.decoderStepCached().attentionOutput()).isEqualTo("attention");
    }

    @BeforeAll
    static void train() throws IOException {
        TatoebaModel.writePairs(dir);
        Path config = dir.resolve("transformer.yaml");
        Files.writeString(config, """
                data:
                  train: {tsv: pairs.tsv}
                tokenizer:
                  source: {name: bpe, merges: 400}
                  target: {name: bpe, merges: 400}
                model:
                  encoder: {name: transformer, d_model: 32, heads: 2, layers: 2, ffn_dim: 64, dropout: 0.0, norm: pre}
                  decoder: {name: transformer, d_model: 32, heads: 2, layers: 2, ffn_dim: 64, dropout: 0.0, norm: pre}
                training:
                  epochs: 5
                  max_tokens: 1500
                  optimizer: {name: adam, lr: 0.003}
                  clip_norm: 1.0
                  validate_bleu: false
                """);
        model = dir.resolve("model");
        Attn4j.train(config, model, null);
        OnnxExporter.export(model, TatoebaModel.PLUGINS);
        sentences = TatoebaModel.sentences();
    }

    @Test
    void aMissingOrDamagedCachedGraphIsRefusedNamingTheFile() throws IOException {
        Path copy = TatoebaModel.copy(model, dir.resolve("damaged"));
        Path cached = copy.resolve("onnx/decoder_step_cached.onnx");
        byte[] whole = Files.readAllBytes(cached);
        Files.write(cached, java.util.Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> Translator.open(copy, TatoebaModel.PLUGINS, "onnx").close())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("decoder_step_cached.onnx");
        Files.delete(cached);
        assertThatThrownBy(() -> Translator.open(copy, TatoebaModel.PLUGINS, "onnx").close())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("decoder_step_cached.onnx")
                .hasMessageContaining("missing");
    }

    /** A translator over the uncached step graph, which the backend does not pick by itself. */
    private static Translator uncached(OnnxModel m) {
        LoadedModel.Codecs codecs = LoadedModel.codecs(new ModelDirectory(model), TatoebaModel.PLUGINS);
        return new Translator("onnx", () -> m.newStepFunction(false), codecs.source(), codecs.target(), null);
    }

    @Test
    void aTrainedTransformerDecodesAlikeOnJavaAndBothOnnxGraphs() {
        try (Translator j = Translator.open(model, TatoebaModel.PLUGINS, "java");
                Translator o = Translator.open(model, TatoebaModel.PLUGINS, "onnx");
                OnnxModel m = OnnxModel.open(model.resolve("onnx"), new RuntimeConfig("onnx", "cpu", 1, "all"));
                Translator u = uncached(m)) {
            assertThat(m.hasCachedStep()).isTrue();
            for (Search s : List.of(new GreedySearch(0), BeamSearch.builder(5).build())) {
                List<Translation> a = j.translate(sentences, s, false);
                for (Translator other : List.of(o, u)) {
                    List<Translation> b = other.translate(sentences, s, false);
                    for (int i = 0; i < a.size(); i++) {
                        assertThat(b.get(i).targetTokens()).as("%s, sentence %d", s, i).isEqualTo(a.get(i).targetTokens());
                        assertThat(b.get(i).score()).isCloseTo(a.get(i).score(), Offset.offset(1e-3));
                    }
                }
            }
            assertThat(j.translate(sentences, new GreedySearch(0), false).stream().map(Translation::text).distinct()
                    .count()).as("a trained model says different things").isGreaterThan(10);
            List<Translation> a = j.translate(sentences.subList(0, 10), new GreedySearch(0), true);
            List<Translation> b = o.translate(sentences.subList(0, 10), new GreedySearch(0), true);
            for (int i = 0; i < a.size(); i++) {
                float[][] x = a.get(i).attention();
                float[][] y = b.get(i).attention();
                assertThat(y.length).isEqualTo(x.length);
                for (int r = 0; r < x.length; r++) {
                    assertThat(GraphHarness.maxAbs(x[r], y[r])).isLessThan(1e-4);
                }
            }
        }
    }
}
