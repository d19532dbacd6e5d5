package org.attn4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.inject.Attn4jModule;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.TrainingRun;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a host application embeds attn4j, as the README shows it: depend on attn4j-core and the
 * plugin modules, open a trained model directory, translate with attention weights, close. First
 * with the one-line {@code Attn4j.load}, then through a Guice injector, then with a tokenizer of
 * the host's own bound in Guice (a plugin that is not on any {@code META-INF/services} list).
 */
class EmbeddingExampleTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainASmallModel() throws IOException {
        Files.write(dir.resolve("pairs.tsv"), corpus(300), StandardCharsets.UTF_8);
        Path config = dir.resolve("small.yaml");
        Files.writeString(config, """
                data: {train: {tsv: pairs.tsv}}
                tokenizer: {source: {name: bpe, merges: 300}}
                model:
                  encoder: {name: rnn, hidden: 24, embedding_dim: 16}
                  decoder: {name: rnn, hidden: 24, embedding_dim: 16, attention: {name: additive}}
                training: {epochs: 2, max_tokens: 800, validate_bleu: false}
                """);
        model = dir.resolve("model");
        Attn4j.train(config, model, null);
    }

    @Test
    void loadTranslateWithAttentionAndClose() {
        Translation t;
        Translator translator = Attn4j.load(model);
        try (translator) {
            t = translator.translate(List.of("I like cats."), new GreedySearch(10), true).get(0);
        }
        // one row of weights per generated token (and the end of sentence), one column per source token and </s>
        float[][] weights = t.attention();
        assertThat(weights.length).isBetween(t.targetTokens().size(), t.targetTokens().size() + 1);
        for (float[] row : weights) {
            assertThat(row).hasSize(t.sourceTokens().size() + 1);
            double sum = 0;
            for (float w : row) {
                sum += w;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
        }
        assertThatThrownBy(() -> translator.translate(List.of("again"), new GreedySearch(5), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void throughAGuiceInjectorTheSameModelTranslatesTheSame() {
        Injector injector = Guice.createInjector(new Attn4jModule(getClass().getClassLoader()));
        List<String> sentences = List.of("I like cats.", "Where is the station?", "Tom is here.");
        var beam = BeamSearch.builder(3).optMaxLength(12).build();
        try (Translator viaGuice = Translator.open(model, injector.getInstance(PluginRegistry.class));
                Translator oneLine = Attn4j.load(model)) {
            assertThat(viaGuice.translate(sentences, beam, true).stream().map(Translation::text).toList())
                    .isEqualTo(oneLine.translate(sentences, beam, false).stream().map(Translation::text).toList());
        }
    }

    @Test
    void aCustomTokenizerBoundInGuiceTrainsAndTranslates() throws IOException {
        Injector injector = Guice.createInjector(new Attn4jModule(getClass().getClassLoader()), new AbstractModule() {
            @Override
            protected void configure() {
                Attn4jModule.pluginBinder(binder(), PluginKind.TOKENIZER).addBinding(HostWordsTokenizer.NAME)
                        .toInstance(new HostWordsTokenizer.Provider());
            }
        });
        PluginRegistry plugins = injector.getInstance(PluginRegistry.class);
        assertThat(plugins.names(PluginKind.TOKENIZER)).contains("host-words", "bpe");

        Path config = dir.resolve("host.yaml");
        Files.writeString(config, """
                data: {train: {tsv: pairs.tsv}}
                tokenizer: {source: {name: host-words}}
                model:
                  encoder: {name: rnn, hidden: 16, embedding_dim: 8}
                  decoder: {name: rnn, hidden: 16, embedding_dim: 8, attention: {name: additive}}
                training: {epochs: 1, max_tokens: 800, validate_bleu: false}
                """);
        Path hostModel = dir.resolve("host-model");
        new TrainingRun(plugins, null).run(config, hostModel);
        assertThat(Files.readString(hostModel.resolve("source").resolve("tokenizer.json"))).contains("\"host-words\"");

        try (Translator t = Translator.open(hostModel, plugins)) {
            Translation tr = t.translate(List.of("I LIKE Cats!"), new GreedySearch(8), true).get(0);
            assertThat(tr.sourceTokens()).containsExactly("i", "like", "cats", "!");
            assertThat(tr.attention()[0]).hasSize(5);
            assertThat(tr.text()).isEqualTo(tr.text().toLowerCase(java.util.Locale.ROOT)); // the host's detokeniser
        }
        // without the host's binding, discovery alone cannot open the model, and says why
        assertThatThrownBy(() -> Attn4j.load(hostModel)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'tokenizer.source.name' is 'host-words', which is not an installed tokenizer plugin");
    }

    private static List<String> corpus(int pairs) throws IOException {
        return Files.readAllLines(TatoebaLearningTest.corpus(), StandardCharsets.UTF_8).subList(0, pairs);
    }
}
