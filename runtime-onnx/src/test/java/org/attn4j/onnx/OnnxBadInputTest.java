package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.pipeline.Translator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken exports and wrong settings fail with a message that names the file or the setting. */
class OnnxBadInputTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void export() throws Exception {
        model = dir.resolve("model");
        Files.createDirectories(model);
        TinyModelDirectory.write(model);
        OnnxExporter.export(model, TatoebaModel.PLUGINS);
    }

    private static Path copy(String name) {
        return TatoebaModel.copy(model, dir.resolve(name));
    }

    private static Translator onnx(Path m) {
        return Translator.open(m, TatoebaModel.PLUGINS, "onnx");
    }

    @Test
    void theCopyOpensOnOnnx() {
        try (Translator t = onnx(copy("fine"))) {
            assertThat(t.translate(java.util.List.of("a b"), new org.attn4j.core.generate.GreedySearch(3), false)).hasSize(1);
        }
    }

    @Test
    void aModelWithoutOnnxDirectorySaysHowToExport() throws Exception {
        Path m = copy("unexported");
        TinyModelDirectory.deleteTree(m.resolve("onnx"));
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(m.resolve("onnx").toString()).hasMessageContaining("attn4j export --model");
    }

    @Test
    void aManifestThatDoesNotMatchTheGraphsIsNamed() throws Exception {
        Path m = copy("mismatch");
        Path manifest = m.resolve("onnx/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"next.h0\"", "\"next.h9\""));
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(manifest.toString()).hasMessageContaining("decoder_step.onnx")
                .hasMessageContaining("next.h9");
    }

    @Test
    void aManifestThatIsNotJsonIsNamed() throws Exception {
        Path m = copy("badjson");
        Path manifest = m.resolve("onnx/manifest.json");
        Files.writeString(manifest, "{\"format\": ");
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(manifest.toString());
    }

    @Test
    void aTruncatedGraphIsNamed() throws Exception {
        Path m = copy("truncated");
        Path graph = m.resolve("onnx/decoder_step.onnx");
        byte[] bytes = Files.readAllBytes(graph);
        Files.write(graph, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(graph.toString()).hasMessageContaining("truncated or corrupt");
    }

    @Test
    void aMissingGraphIsNamed() throws Exception {
        Path m = copy("missing");
        Files.delete(m.resolve("onnx/encoder.onnx"));
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(m.resolve("onnx/encoder.onnx").toString()).hasMessageContaining("missing");
    }

    @Test
    void weightsChangedAfterExportAreCaught() throws Exception {
        Path m = copy("retrained");
        Path w = m.resolve("weights.safetensors");
        byte[] bytes = Files.readAllBytes(w);
        bytes[bytes.length - 1] ^= 1;
        Files.write(w, bytes);
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("checkpoint_sha256").hasMessageContaining("attn4j export");
    }

    @Test
    void anUnknownBackendNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> Translator.open(model, TatoebaModel.PLUGINS, "tensorrt"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'runtime.backend'")
                .hasMessageContaining("tensorrt").hasMessageContaining("java").hasMessageContaining("onnx");
    }

    @Test
    void anUnknownDeviceNamesTheSetting() throws Exception {
        assertThatThrownBy(() -> new RuntimeConfig("onnx", "tpu:0", 1, "all")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'runtime.device'").hasMessageContaining("tpu:0");
        Path m = copy("tpu");
        Path config = m.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\"runtime\": {\"device\": \"tpu\"},"));
        assertThatThrownBy(() -> onnx(m)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("runtime.device").hasMessageContaining("tpu");
    }

    @Test
    void cudaWithoutTheGpuArtifactSaysWhatToPutOnTheClassPath() {
        assertThatThrownBy(() -> SessionSettings.checkCuda("cuda:0", EnumSet.of(OrtProvider.CPU)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'runtime.device' is 'cuda:0'")
                .hasMessageContaining("onnxruntime_gpu").hasMessageContaining("CPU");
        if (!ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThatThrownBy(() -> Translator.open(model, TatoebaModel.PLUGINS, new RuntimeConfig("onnx", "cuda:0", 1, "all")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("onnxruntime_gpu");
        }
    }

    @Test
    void theJavaBackendRefusesAGpu() {
        assertThatThrownBy(() -> Translator.open(model, TatoebaModel.PLUGINS, new RuntimeConfig("java", "cuda:0", 1, "all")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'runtime.device'");
    }
}
