package org.attn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attn4j.core.data.CorpusReader;
import org.attn4j.core.data.ParallelCorpus;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.inject.Attn4jModule;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.TrainingRun;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of learning on real sentences, with data shipped in the project: a bi-GRU
 * encoder with a Bahdanau decoder and additive attention, trained from a configuration file on
 * 2,000 Tatoeba English–French pairs, reaches training-set BLEU >= 60 (sacreBLEU defaults,
 * greedy decoding), and the model directory it leaves translates after being reopened, through
 * {@code Attn4j.load} and through a Guice injector alike.
 */
class TatoebaLearningTest {
    static final int PAIRS = 2000;

    @TempDir
    Path dir;

    static Path corpus() {
        return Path.of(System.getProperty("attn4j.projectData", "../data")).resolve("tatoeba-eng-fra.tsv");
    }

    @Test
    void aGruWithAdditiveAttentionLearnsTheTrainingPairs() throws IOException {
        List<String> lines = Files.readAllLines(corpus(), StandardCharsets.UTF_8).subList(0, PAIRS);
        Path tsv = dir.resolve("pairs.tsv");
        Files.write(tsv, lines, StandardCharsets.UTF_8);
        Path config = dir.resolve("gru.yaml");
        Files.writeString(config, """
                data:
                  train: {tsv: pairs.tsv}
                tokenizer:
                  source: {name: bpe, merges: 1500}
                  target: {name: bpe, merges: 1500}
                model:
                  encoder: {name: rnn, cell: gru, embedding_dim: 96, hidden: 128, bidirectional: true}
                  decoder:
                    name: rnn
                    cell: gru
                    embedding_dim: 96
                    hidden: 192
                    attention: {name: additive, dim: 128}
                training:
                  epochs: 14
                  max_tokens: 1200
                  optimizer: {name: adam, lr: 0.003}
                  clip_norm: 1.0
                  validate_bleu: false
                """);
        TrainingRun.Result result = Attn4j.train(config, dir.resolve("model"), System.out);
        assertThat(result.trainPairs()).isEqualTo(PAIRS);

        ParallelCorpus pairs = CorpusReader.readTsv(tsv, 0, 1);
        try (Translator t = Attn4j.load(dir.resolve("model"))) {
            List<String> hyps = t.translate(pairs.sources(), new GreedySearch(0), false).stream().map(Translation::text).toList();
            double bleu = Bleu.builder().build().corpusScore(hyps, List.of(pairs.targets())).score();
            System.out.printf("training-set BLEU after %d epochs: %.2f%n", result.epochs().size(), bleu);
            assertThat(bleu).isGreaterThanOrEqualTo(60.0);

            // the same model opened the way a Guice host does it translates the same
            Injector injector = Guice.createInjector(new Attn4jModule(getClass().getClassLoader()));
            List<String> some = pairs.sources().subList(0, 20);
            try (Translator viaGuice = Translator.open(dir.resolve("model"), injector.getInstance(PluginRegistry.class))) {
                assertThat(viaGuice.translate(some, new GreedySearch(0), false).stream().map(Translation::text).toList())
                        .isEqualTo(hyps.subList(0, 20));
            }
        }
    }
}
