package org.attn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.config.Attn4jConfig;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.data.CorpusReader;
import org.attn4j.core.data.ParallelCorpus;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.optim.Optimizer;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.ModelFactory;
import org.attn4j.core.pipeline.TrainingRun;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Transformer's proof of learning on real sentences, with data shipped in the project: a
 * small {@code transformer} encoder and decoder (pre-norm, d_model 128, 2 + 2 layers, 4 heads),
 * trained from a configuration file on the 2,000 Tatoeba English–French pairs of
 * {@link TatoebaLearningTest}, reaches training-set BLEU >= 60 (sacreBLEU defaults, greedy
 * decoding with the key/value cache), and the model directory it leaves translates after being
 * reopened, with beam search too.
 */
class TransformerTatoebaLearningTest {
    @TempDir
    Path dir;

    @Test
    void aSmallTransformerLearnsTheTrainingPairs() throws IOException {
        List<String> lines = Files.readAllLines(TatoebaLearningTest.corpus(), StandardCharsets.UTF_8)
                .subList(0, TatoebaLearningTest.PAIRS);
        Path tsv = dir.resolve("pairs.tsv");
        Files.write(tsv, lines, StandardCharsets.UTF_8);
        Path config = dir.resolve("transformer.yaml");
        Files.writeString(config, """
                data:
                  train: {tsv: pairs.tsv}
                tokenizer:
                  source: {name: bpe, merges: 1500}
                  target: {name: bpe, merges: 1500}
                model:
                  encoder: {name: transformer, d_model: 128, heads: 4, layers: 2, ffn_dim: 256, norm: pre, dropout: 0.0}
                  decoder: {name: transformer, d_model: 128, heads: 4, layers: 2, ffn_dim: 256, norm: pre, dropout: 0.0}
                training:
                  epochs: 14
                  max_tokens: 1200
                  optimizer: {name: adam, lr: 0.002, beta2: 0.98}
                  schedule: {name: cosine, warmup: 50, total: 350, min: 0.0001}
                  clip_norm: 1.0
                  validate_bleu: false
                """);
        long start = System.nanoTime();
        TrainingRun.Result result = Attn4j.train(config, dir.resolve("model"), System.out);
        assertThat(result.trainPairs()).isEqualTo(TatoebaLearningTest.PAIRS);

        ParallelCorpus pairs = CorpusReader.readTsv(tsv, 0, 1);
        try (Translator t = Attn4j.load(dir.resolve("model"))) {
            List<String> hyps = t.translate(pairs.sources(), new GreedySearch(0), false).stream().map(Translation::text).toList();
            double bleu = Bleu.builder().build().corpusScore(hyps, List.of(pairs.targets())).score();
            System.out.printf("transformer: training-set BLEU after %d epochs: %.2f (%.0f s wall, %.0f s CPU of this JVM so far)%n",
                    result.epochs().size(), bleu, (System.nanoTime() - start) / 1e9,
                    ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN));
            assertThat(bleu).isGreaterThanOrEqualTo(60.0);

            List<String> some = pairs.sources().subList(0, 50);
            List<String> beam = t.translate(some, BeamSearch.builder(4).build(), false).stream().map(Translation::text).toList();
            double beamBleu = Bleu.builder().build().corpusScore(beam, List.of(pairs.targets().subList(0, 50))).score();
            assertThat(beamBleu).as("beam search on the first 50 pairs").isGreaterThanOrEqualTo(60.0);
        }
    }

    /** The shipped Multi30k example reads, checks its plugins and builds the model it describes. */
    @Test
    void theMulti30kTransformerExampleBuilds() {
        PluginRegistry plugins = PluginDiscovery.discover(getClass().getClassLoader());
        Attn4jConfig config = new ConfigReader().read(Path.of("../examples/multi30k-de-en-transformer.yaml"), plugins);
        Seq2SeqModel model = new ModelFactory(plugins).create(config.model(), 8000, 6000, 1);
        assertThat(model.namedParameters()).containsKeys("encoder.layer2.self_attention.Wq.weight",
                "decoder.layer2.cross_attention.Wv.weight", "decoder.output.weight");
        assertThat(model.namedParameters().get("decoder.layer0.ffn.linear1.weight").shape()).containsExactly(512, 256);
        Optimizer optimizer = config.training().createOptimizer(model.namedParameters());
        assertThat(optimizer.algorithm()).isEqualTo("adam");
        assertThat(config.training().settings().labelSmoothing()).isEqualTo(0.1);
    }
}
