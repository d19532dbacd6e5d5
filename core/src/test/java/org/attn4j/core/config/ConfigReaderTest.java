package org.attn4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.Options;
import org.attn4j.api.config.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    private static final String MODEL = "model:\n  encoder: {name: rnn}\n  decoder: {name: rnn}\n";

    private final ConfigReader reader = new ConfigReader();

    @TempDir
    Path dir;

    @Test
    void readsACompleteYamlFile() throws Exception {
        Attn4jConfig config = reader.read(sample("translate.yaml"));

        assertThat(config.runtime()).isEqualTo(new RuntimeConfig("java", "cpu", 2, "all"));
        PluginConfig decoder = config.model().decoder();
        assertThat(decoder.name()).isEqualTo("rnn");
        assertThat(decoder.where()).isEqualTo("model.decoder");
        assertThat(decoder.options().getInt("hidden", 0)).isEqualTo(256);
        assertThat(decoder.options().getDouble("dropout", 0)).isEqualTo(0.1);
        Options attention = decoder.options().child("attention");
        assertThat(attention.where()).isEqualTo("model.decoder.attention");
        assertThat(attention.requireString("name")).isEqualTo("additive");
        assertThat(config.model().encoder().options().getBoolean("bidirectional", false)).isTrue();
    }

    @Test
    void jsonAndYamlWithTheSameSettingsReadTheSame() throws Exception {
        Attn4jConfig yaml = reader.read(sample("translate.yaml"));
        Attn4jConfig json = reader.read(sample("translate.json"));

        assertThat(json.runtime()).isEqualTo(yaml.runtime());
        assertThat(json.model().encoder().toMap()).isEqualTo(yaml.model().encoder().toMap());
        assertThat(json.model().decoder().toMap()).isEqualTo(yaml.model().decoder().toMap());
        assertThat(json.model().decoder().options().asMap()).isEqualTo(yaml.model().decoder().options().asMap());
    }

    @Test
    void aFineTuningFileTakesItsModelFromInitFromAndMayNotGiveOne() {
        Attn4jConfig ft = read("ft.yaml", "training:\n  init_from: models/en-fr\n  epochs: 2\n");
        assertThat(ft.model()).isNull();
        assertThat(ft.training().initFrom()).isEqualTo("models/en-fr");
        assertThat(ft.pluginReferences()).extracting(PluginReference::key).containsExactly("runtime.backend");

        assertThatThrownBy(() -> read("both.yaml", "training: {init_from: models/en-fr}\n" + MODEL))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'training.init_from' takes the model and its tokenizers from models/en-fr;"
                        + " remove the 'model' section");
        assertThatThrownBy(() -> read("neither.yaml", "training: {epochs: 2}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("missing required key 'model'");
        assertThatThrownBy(() -> read("blank.yaml", "training: {init_from: ' '}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'training.init_from' is empty");
    }

    @Test
    void anAbsentRuntimeTakesEveryDefault() throws Exception {
        Attn4jConfig config = reader.read(sample("transformer.yml"));

        assertThat(config.runtime()).isEqualTo(RuntimeConfig.defaults());
        assertThat(config.runtime().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aPartialRuntimeTakesTheDefaultsOfTheKeysItLeavesOut() {
        Attn4jConfig config = read("partial.yaml", "runtime:\n  device: cuda:1\n" + MODEL);

        assertThat(config.runtime()).isEqualTo(new RuntimeConfig("java", "cuda:1", RuntimeConfig.defaults().threads(), "all"));
    }

    @Test
    void textThatSpellsANumberIsReadAsThatNumber() {
        Attn4jConfig config = reader.read("runtime: {threads: \"4\"}\n" + MODEL, "inline.yaml", ConfigFormat.YAML,
                Attn4jConfig.class);

        assertThat(config.runtime().threads()).isEqualTo(4);
    }

    @Test
    void theFormatOfAFileWithoutAKnownExtensionComesFromItsContent() {
        Attn4jConfig json = read("model.conf", "{\"model\": {\"encoder\": {\"name\": \"a\"}, \"decoder\": {\"name\": \"b\"}}}");
        Attn4jConfig yaml = read("model.conf", "model: {encoder: {name: a}, decoder: {name: b}}");

        assertThat(json.model().decoder().name()).isEqualTo("b");
        assertThat(yaml.model().decoder().name()).isEqualTo("b");
    }

    @Test
    void pluginOptionsAreImmutableAllTheWayDown() {
        Attn4jConfig config = read("deep.yaml", "model:\n  encoder: {name: rnn}\n  decoder:\n    name: rnn\n"
                + "    layers: [{size: 1}]\n    attention: {name: additive}\n");
        Map<String, Object> options = config.model().decoder().options().asMap();

        assertThatThrownBy(() -> options.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<?, ?>) options.get("attention")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((java.util.List<?>) options.get("layers")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- bad input: every message names the file, the position where known, and the dotted key

    @Test
    void anUnknownTopLevelKeyListsTheValidKeys() {
        Path file = write("bad.yaml", "runtim: {threads: 2}\n" + MODEL);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":1:1: unknown key 'runtim'; valid keys: [data, decoding, model, runtime, tokenizer, training]");
    }

    @Test
    void theDecodingSectionHasDefaultsAndChecksItsValues() {
        assertThat(reader.read(write("none.yaml", MODEL)).decoding()).isEqualTo(new DecodingConfig(1, 0.6, 0));
        DecodingConfig d = reader.read(write("d.yaml", "decoding: {beam: 5, length_penalty: 3.0}\n" + MODEL)).decoding();
        assertThat(d).isEqualTo(new DecodingConfig(5, 3.0, 0));
        assertThat(d.with(null, 1.0, 40)).isEqualTo(new DecodingConfig(5, 1.0, 40));
        assertThat(d.search()).isInstanceOf(org.attn4j.core.generate.BeamSearch.class);
        assertThat(d.with(1, null, null).search()).isInstanceOf(org.attn4j.core.generate.GreedySearch.class);

        Path zero = write("zero.yaml", "decoding:\n  beam: 0\n" + MODEL);
        assertThatThrownBy(() -> reader.read(zero)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(zero.toString()).hasMessageContaining("'decoding.beam' must be at least 1, got 0");
        Path typo = write("typo.yaml", "decoding:\n  length_penality: 1\n" + MODEL);
        assertThatThrownBy(() -> reader.read(typo)).isInstanceOf(ConfigurationException.class)
                .hasMessage(typo + ":2:3: unknown key 'decoding.length_penality'; valid keys: [beam, early_stopping, force_eos, length_penalty, max_length, style]");
    }

    @Test
    void anUnknownNestedKeyIsNamedByItsPathWithTheValidKeysOfItsBlock() {
        Path file = write("bad.yaml", "runtime:\n  thread: 2\n" + MODEL);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":2:3: unknown key 'runtime.thread'; valid keys: [backend, device, optimization, threads]");
    }

    @Test
    void anUnknownKeyInJsonIsFoundToo() {
        Path file = write("bad.json", "{\"model\": {\"encoder\": {\"name\": \"rnn\"},\n  \"decoder\": {\"name\": \"rnn\"},\n"
                + "  \"atention\": {}}}");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":3:3: unknown key 'model.atention'; valid keys: [decoder, encoder]");
    }

    @Test
    void aMissingRequiredSectionIsNamed() {
        Path file = write("bad.yaml", "runtime: {threads: 2}\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ": missing required key 'model'");
    }

    @Test
    void aMissingRequiredKeyPointsAtItsBlock() {
        Path file = write("bad.yaml", "runtime: {threads: 2}\nmodel:\n  encoder: {name: rnn}\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":2:1: missing required key 'model.decoder'");
    }

    @Test
    void aNullValueCountsAsMissing() {
        Path file = write("bad.yaml", "model:\n  encoder: {name: rnn}\n  decoder:\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":1:1: missing required key 'model.decoder'");
    }

    @Test
    void aPluginBlockWithoutANameIsNamed() {
        Path file = write("bad.yaml", "model:\n  encoder: {name: rnn}\n  decoder: {hidden: 3}\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":3:12: missing required key 'model.decoder.name'");
    }

    @Test
    void aPluginNameThatIsNotTextIsRefused() {
        Path file = write("bad.yaml", "model:\n  encoder: {name: 5}\n  decoder: {name: rnn}\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":2:12: 'model.encoder.name' must be a plugin name (text), got '5'");
    }

    @Test
    void aPluginGivenAsPlainTextInsteadOfABlockIsRefused() {
        Path file = write("bad.yaml", "model:\n  encoder: rnn\n  decoder: {name: rnn}\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":2:12: 'model.encoder' must be a block of keys with a 'name', such as {name: ...}; got 'rnn'");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyTheLineAndWhatWasExpected() {
        assertThatThrownBy(() -> reader.read(write("a.yaml", "runtime:\n  threads: many\n" + MODEL)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve("a.yaml") + ":2:12: 'runtime.threads' must be an integer, got 'many'");
        assertThatThrownBy(() -> reader.read(write("b.yaml", "runtime:\n  threads: 2.5\n" + MODEL)))
                .hasMessage(dir.resolve("b.yaml") + ":2:12: 'runtime.threads' must be an integer, got '2.5'");
        assertThatThrownBy(() -> reader.read(write("c.yaml", "runtime:\n  threads: [1]\n" + MODEL)))
                .hasMessage(dir.resolve("c.yaml") + ":2:12: 'runtime.threads' must be an integer, got a list");
        assertThatThrownBy(() -> reader.read(write("d.yaml", "runtime: fast\n" + MODEL)))
                .hasMessage(dir.resolve("d.yaml") + ":1:10: 'runtime' must be a block of keys, got 'fast'");
        assertThatThrownBy(() -> reader.read(write("e.yaml", "model: [1, 2]\n")))
                .hasMessage(dir.resolve("e.yaml") + ":1:8: 'model' must be a block of keys, got a list");
    }

    @Test
    void aValueTheRuntimeRefusesIsNamedWithItsBlock() {
        Path file = write("bad.yaml", "runtime:\n  device: gpu\n" + MODEL);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":2:3: 'runtime.device' must be cpu or cuda:N, got 'gpu'");
    }

    @Test
    void malformedYamlGivesTheFileLineAndProblem() {
        Path file = write("bad.yaml", "runtime:\n  threads: 2\n model: x\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":3:2: malformed YAML: expected <block end>, but found '<block mapping start>' "
                        + "(while parsing a block mapping that starts at line 1)");
    }

    @Test
    void malformedJsonGivesTheFileLineAndProblem() {
        Path file = write("bad.json", "{\"model\": {\"encoder\": {\"name\": \"rnn\"},\n \"decoder\": {\"name\": }}}");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file + ":2:22: malformed JSON in 'model.decoder': Unexpected character ('}'");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        Path file = write("bad.yaml", "runtime:\n  threads: 2\n  threads: 3\n" + MODEL);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":3:10: malformed YAML in 'runtime': Duplicate field 'threads'");
    }

    @Test
    void anEmptyFileOrOneWithOnlyCommentsIsRefused() {
        Path empty = write("empty.yaml", "");
        Path comments = write("comments.yaml", "# nothing here yet\n\n");
        Path blankJson = write("blank.json", "  \n");

        assertThatThrownBy(() -> reader.read(empty)).isInstanceOf(ConfigurationException.class)
                .hasMessage(empty + ": the configuration is empty; expected a block of keys (see docs/configuration.md)");
        assertThatThrownBy(() -> reader.read(comments)).hasMessageStartingWith(comments + ": the configuration is empty");
        assertThatThrownBy(() -> reader.read(blankJson)).hasMessageStartingWith(blankJson + ": the configuration is empty");
    }

    @Test
    void aTopLevelListIsRefused() {
        Path file = write("bad.yaml", "- a\n- b\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":1:1: the configuration must be a block of keys, got a list");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        Path file = write("bad.yaml", MODEL + "---\n" + MODEL);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":5:1: unexpected content after the configuration (a file holds one YAML document)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " does not exist");
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'m', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ": not UTF-8 text");
    }

    private Attn4jConfig read(String name, String text) {
        return reader.read(write(name, text));
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(ConfigReaderTest.class.getResource("/config/" + name).toURI());
    }
}
