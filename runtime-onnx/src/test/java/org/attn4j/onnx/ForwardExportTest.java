package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.Seq2SeqModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher-forced forward graph ({@code forward.onnx}): ONNX Runtime gives the eager engine's
 * {@code Seq2SeqModel.logits} within 1e-4 (max abs) for a GRU encoder-decoder with additive
 * attention (target length fixed at the export's, the decoder loop unrolled), an LSTM with
 * multi-head Luong attention, and post- and pre-norm Transformers (every axis dynamic), at batch
 * sizes and source lengths no trace saw, with padding in the sources. The manifest lists the graph;
 * one without the section still opens for decoding, and a forward graph that does not match its
 * manifest, or a wrong target length, is refused with a message that names it.
 */
class ForwardExportTest {
    private static final int V = 13;
    private static final RuntimeConfig CPU = new RuntimeConfig("onnx", "cpu", 1, "all");
    private static final int RNN_LENGTH = 5;

    private static Seq2SeqModel gruAdditive() {
        return ExportParity.rnnModel(TatoebaModel.PLUGINS, V,
                Map.of("cell", "gru", "embedding_dim", 5, "hidden", 4, "bidirectional", true),
                Map.of("cell", "gru", "embedding_dim", 6, "hidden", 8, "attention", Map.of("name", "additive")), 11);
    }

    private static Seq2SeqModel lstmMultiHeadLuong() {
        return ExportParity.rnnModel(TatoebaModel.PLUGINS, V, Map.of("cell", "lstm", "embedding_dim", 5, "hidden", 8),
                Map.of("cell", "lstm", "embedding_dim", 6, "hidden", 8, "style", "luong",
                        "attention", Map.of("name", "multi-head", "heads", 2)), 12);
    }

    /** Exports {@code model} with its forward graph into {@code dir}/onnx and returns that folder. */
    private static Path export(Seq2SeqModel model, Path dir) {
        OnnxExporter.Exported e = OnnxExporter.trace(model, V, V, "{}", "none", RNN_LENGTH);
        Path onnx = dir.resolve(OnnxExporter.DIRECTORY);
        OnnxExporter.write(onnx, e);
        return onnx;
    }

    @Test
    void rnnForwardsMatchTheEagerEngineAtTheFixedTargetLength(@TempDir Path dir) {
        List<Seq2SeqModel> models = List.of(gruAdditive(), lstmMultiHeadLuong());
        for (int i = 0; i < models.size(); i++) {
            Seq2SeqModel model = models.get(i);
            Path onnx = export(model, dir.resolve("m" + i));
            try (OnnxForward f = OnnxForward.open(onnx, CPU)) {
                assertThat(f.fixedTargetLength()).hasValue(RNN_LENGTH);
                assertThat(ExportParity.forwardWorst(model, V, f, new int[][] {{3, 7, RNN_LENGTH}, {1, 11, RNN_LENGTH}, {6, 2, RNN_LENGTH}}))
                        .isLessThan(1e-4);
                assertThatThrownBy(() -> f.logits(new long[] {4, 5}, 1, 2, new long[] {1, 4, 5}, 1))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fill");
                assertThatThrownBy(() -> f.logits(new long[] {4, 5}, 1, 2, new long[] {1, 4, 5}, 3))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("target length fixed at " + RNN_LENGTH).hasMessageContaining("got 3");
            }
            Manifest m = Manifest.read(onnx.resolve(Manifest.FILE));
            assertThat(m.forward().file()).isEqualTo("forward.onnx");
            assertThat(m.forward().inputs().get(1).shape()).containsExactly("batch", RNN_LENGTH);
        }
    }

    @Test
    void onlyAnUnknownTargetLengthMakesTheTracerRetryAtTheFixedLength() {
        Seq2SeqModel real = gruAdditive();
        List<Integer> lengths = new ArrayList<>();
        Seq2SeqModel broken = new Seq2SeqModel() {
            @Override
            public Encoder encoder() {
                return real.encoder();
            }

            @Override
            public Decoder decoder() {
                return real.decoder();
            }

            @Override
            public Tensor logits(Ops ops, Tensor sourceIds, Tensor sourceMask, Tensor targetInputs) {
                lengths.add(targetInputs.dim(1));
                throw new IllegalStateException("a bug in a plugin");
            }
        };
        assertThatThrownBy(() -> ForwardTracer.trace(broken, V, RNN_LENGTH, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessage("a bug in a plugin");
        assertThat(lengths).containsExactly(-1);

        assertThat(ForwardTracer.trace(real, V, RNN_LENGTH, Map.of()).spec().inputs().get(1).shape())
                .containsExactly("batch", RNN_LENGTH);
    }

    @Test
    void transformerForwardsMatchTheEagerEngineAtAnyLength(@TempDir Path dir) {
        for (String norm : new String[] {"post", "pre"}) {
            Seq2SeqModel model = TransformerOnnxTest.random(norm, 11);
            Path onnx = export(model, dir.resolve(norm));
            try (OnnxForward f = OnnxForward.open(onnx, CPU)) {
                assertThat(f.fixedTargetLength()).isEmpty();
                assertThat(ExportParity.forwardWorst(model, V, f, new int[][] {{3, 7, 5}, {1, 11, 9}, {5, 3, 1}})).as(norm).isLessThan(1e-4);
                try (OnnxForward.Inputs in = f.inputs(new long[] {4, 5, 0, 6, 0, 0}, 2, 3, new long[] {1, 7, 1, 8}, 2);
                        OnnxForward.Logits out = f.run(in)) {
                    assertThat(out.shape()).containsExactly(2, 2, V);
                }
            }
            Manifest m = Manifest.read(onnx.resolve(Manifest.FILE));
            assertThat(m.forward().inputs()).extracting(Manifest.ValueSpec::name).containsExactly("src", "tgt_in");
            assertThat(m.forward().inputs().get(1).shape()).containsExactly("batch", "tgt_len");
            assertThat(m.forward().outputs().get(0).shape()).containsExactly("batch", "tgt_len", V);
        }
    }

    @Test
    void aStandaloneForwardGraphOpensWithTheSpecItWasWrittenWith(@TempDir Path dir) {
        Seq2SeqModel model = TransformerOnnxTest.random("post", 3);
        Path file = dir.resolve("sub/w.onnx");
        Manifest.GraphSpec spec = OnnxExporter.exportForward(model, V, 16, file);
        assertThat(spec.file()).isEqualTo("w.onnx");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("w.onnx");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (OnnxForward f = OnnxForward.open(file, spec, V, CPU)) {
            assertThat(ExportParity.forwardWorst(model, V, f, new int[][] {{2, 4, 3}})).isLessThan(1e-4);
        }
        assertThatThrownBy(() -> OnnxForward.open(file, spec, V + 1, CPU)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("logits have " + V + " columns");
    }

    @Test
    void aManifestWithoutTheForwardSectionStillOpensAndSaysHowToGetIt(@TempDir Path dir) throws Exception {
        Seq2SeqModel model = TransformerOnnxTest.random("pre", 4);
        Path onnx = dir.resolve(OnnxExporter.DIRECTORY);
        OnnxExporter.write(onnx, OnnxExporter.trace(model, V, V, "{}", "none"));
        assertThat(onnx.resolve("forward.onnx")).doesNotExist();
        // as an export from before the section existed wrote it: no "forward" key at all
        Path manifest = onnx.resolve(Manifest.FILE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(manifest.toFile());
        assertThat(tree.has("forward")).isTrue();
        tree.remove("forward");
        json.writeValue(manifest.toFile(), tree);
        assertThat(Manifest.read(manifest).forward()).isNull();
        try (OnnxModel m = OnnxModel.open(onnx, CPU)) {
            assertThat(m.hasCachedStep()).isTrue();
        }
        assertThatThrownBy(() -> OnnxForward.open(onnx, CPU)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(manifest.toString()).hasMessageContaining("attn4j export --model DIR --forward");
    }

    @Test
    void aForwardGraphThatDoesNotMatchItsManifestIsNamed(@TempDir Path dir) throws Exception {
        Path onnx = export(gruAdditive(), dir);
        Path manifest = onnx.resolve(Manifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"tgt_in\"", "\"target\""));
        assertThatThrownBy(() -> OnnxForward.open(onnx, CPU)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("forward.onnx").hasMessageContaining("target");
        Files.delete(onnx.resolve("forward.onnx"));
        assertThatThrownBy(() -> OnnxForward.open(onnx, CPU)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("forward.onnx").hasMessageContaining("missing");
    }
}
