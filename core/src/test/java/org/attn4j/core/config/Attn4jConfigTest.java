package org.attn4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.inject.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Attn4jConfigTest {
    private final ConfigReader reader = new ConfigReader();

    @Test
    void listsEveryPluginNameWithTheKeyThatHoldsIt() throws Exception {
        Attn4jConfig config = reader.read(sample("transformer.yml"));

        assertThat(config.pluginReferences())
                .extracting(r -> r.kind().label(), PluginReference::name, PluginReference::key)
                .containsExactly(
                        tuple("backend", "java", "runtime.backend"),
                        tuple("encoder", "transformer", "model.encoder.name"),
                        tuple("attention", "multi-head", "model.encoder.self_attention.name"),
                        tuple("decoder", "transformer", "model.decoder.name"),
                        tuple("attention", "causal", "model.decoder.self_attention.name"),
                        tuple("attention", "multi-head", "model.decoder.cross_attention.name"));
    }

    @Test
    void aConfigurationWhosePluginsAreInstalledPasses() throws Exception {
        Attn4jConfig config = reader.read(sample("translate.yaml"));
        PluginRegistry plugins = registry("rnn", "additive", "java");

        assertThat(config.checkPlugins(plugins)).isSameAs(config);
    }

    @Test
    void anUnknownPluginNameIsNamedWithItsKeyAndTheValidNames() throws Exception {
        Attn4jConfig config = reader.read(sample("translate.yaml"));
        PluginRegistry plugins = registry("rnn", "dot", "java");

        assertThatThrownBy(() -> config.checkPlugins(plugins)).isInstanceOf(ConfigurationException.class)
                .hasMessage("'model.decoder.attention.name' is 'additive', which is not an installed attention plugin; "
                        + "valid names: [dot, multi-head]");
    }

    @Test
    void everyUnknownPluginNameIsReportedAtOnce() throws Exception {
        Attn4jConfig config = reader.read(sample("translate.yaml"));
        PluginRegistry plugins = PluginRegistry.builder()
                .add(PluginKind.ENCODER, "rnn", new TestPlugins.TestEncoder())
                .add(PluginKind.DECODER, "transformer", new TestPlugins.TestDecoder())
                .build();

        assertThatThrownBy(() -> config.checkPlugins(plugins)).isInstanceOf(ConfigurationException.class)
                .hasMessage("3 unknown plugin names:\n"
                        + "  'runtime.backend' is 'java', which is not an installed backend plugin; no backend plugin is installed\n"
                        + "  'model.decoder.name' is 'rnn', which is not an installed decoder plugin; valid names: [transformer]\n"
                        + "  'model.decoder.attention.name' is 'additive', which is not an installed attention plugin; "
                        + "no attention plugin is installed");
    }

    @Test
    void theReaderGivesThePositionOfEachUnknownName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), "model:\n  encoder: {name: rnn}\n  decoder:\n"
                + "    name: rnn\n    attention:\n      name: additiv\n");
        PluginRegistry plugins = registry("rnn", "additive", "java");

        assertThatThrownBy(() -> reader.read(file, plugins)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":6:7: 'model.decoder.attention.name' is 'additiv', which is not an installed "
                        + "attention plugin; valid names: [additive, multi-head]");
        assertThat(reader.read(Files.writeString(dir.resolve("ok.yaml"), "model:\n  encoder: {name: rnn}\n"
                + "  decoder: {name: rnn, attention: {name: additive}}\n"), plugins).model().decoder().name()).isEqualTo("rnn");
    }

    @Test
    void aDefaultedNameThatIsNotInstalledIsReportedWithoutAPosition(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), "model: {encoder: {name: rnn}, decoder: {name: rnn}}\n");
        PluginRegistry plugins = registry("rnn", "additive", "onnx");

        assertThatThrownBy(() -> reader.read(file, plugins)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ": 'runtime.backend' is 'java', which is not an installed backend plugin; valid names: [onnx]");
    }

    @Test
    void attentionBlocksInsideListsAreFound() {
        Attn4jConfig config = new Attn4jConfig(null, new ModelConfig(
                PluginConfig.of("model.encoder", Map.of("name", "stack", "layers",
                        List.of(Map.of("attention", Map.of("name", "a")), Map.of("self_attention", Map.of("name", "b"))))),
                PluginConfig.of("model.decoder", Map.of("name", "rnn"))), null, null, null, null);

        assertThat(config.pluginReferences()).extracting(PluginReference::key).containsExactly("runtime.backend",
                "model.encoder.name", "model.encoder.layers[0].attention.name", "model.encoder.layers[1].self_attention.name",
                "model.decoder.name");
    }

    @Test
    void recordsBuiltInCodeFollowTheSameRules() {
        PluginConfig rnn = PluginConfig.of("model.encoder", Map.of("name", "rnn"));

        assertThat(new Attn4jConfig(null, new ModelConfig(rnn, PluginConfig.of("model.decoder", Map.of("name", "rnn"))), null, null, null,
                null).runtime()).isEqualTo(RuntimeConfig.defaults());
        assertThatThrownBy(() -> new Attn4jConfig(RuntimeConfig.defaults(), null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessage("missing required key 'model'");
        assertThatThrownBy(() -> new ModelConfig(rnn, null))
                .isInstanceOf(ConfigurationException.class).hasMessage("missing required key 'model.decoder'");
    }

    private static PluginRegistry registry(String architecture, String attention, String backend) {
        return PluginRegistry.builder()
                .add(PluginKind.ENCODER, architecture, new TestPlugins.TestEncoder())
                .add(PluginKind.DECODER, architecture, new TestPlugins.TestDecoder())
                .add(PluginKind.ATTENTION, attention, new TestPlugins.DotAttention())
                .add(PluginKind.ATTENTION, "multi-head", new TestPlugins.ScaledAttention())
                .add(PluginKind.BACKEND, backend, new TestPlugins.TestBackend())
                .build();
    }

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(Attn4jConfigTest.class.getResource("/config/" + name).toURI());
    }
}
