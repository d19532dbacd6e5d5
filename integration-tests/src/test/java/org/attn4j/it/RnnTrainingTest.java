package org.attn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Parameter;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.data.Example;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.optim.Adam;
import org.attn4j.core.optim.ConstantSchedule;
import org.attn4j.core.optim.Optimizer;
import org.attn4j.core.train.EpochResult;
import org.attn4j.core.train.Trainer;
import org.attn4j.core.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RNN path end to end on a synthetic task, through discovery and the trainer: a bi-GRU
 * encoder and a Bahdanau decoder with additive attention learn to reverse sequences, and a
 * resumed run is the same as an uninterrupted one.
 */
class RnnTrainingTest {
    private static final PluginRegistry PLUGINS = PluginDiscovery.discover(RnnTrainingTest.class.getClassLoader());
    private static final int V = 14; // 4 specials + symbols 4..13

    @TempDir
    Path dir;

    static List<Example> reversal(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(5);
            int[] src = new int[len + 1];
            int[] tgt = new int[len];
            for (int j = 0; j < len; j++) {
                src[j] = 4 + r.nextInt(V - 4);
                tgt[len - 1 - j] = src[j];
            }
            src[len] = Vocabulary.EOS;
            out.add(new Example(src, tgt));
        }
        return out;
    }

    static Seq2SeqModel model(long seed) {
        ModelContext ctx = new ModelContext(V, V, PLUGINS.attentionFactory(), new SplittableRandom(seed));
        var encoder = PLUGINS.get(PluginKind.ENCODER, "rnn").create(Options.of("model.encoder",
                Map.of("cell", "gru", "embedding_dim", 16, "hidden", 32)), ctx);
        var decoder = PLUGINS.get(PluginKind.DECODER, "rnn").create(Options.of("model.decoder",
                Map.of("cell", "gru", "embedding_dim", 16, "hidden", 32, "attention", Map.of("name", "additive", "dim", 32))),
                encoder, ctx);
        return Seq2SeqModel.of(encoder, decoder);
    }

    static Optimizer adam(Seq2SeqModel m) {
        return Adam.builder(m.namedParameters(), new ConstantSchedule(3e-3)).build();
    }

    private static String text(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(id).append(' ');
        }
        return sb.toString().trim();
    }

    @Test
    void learnsToReverseSequences() {
        List<Example> train = reversal(1500, 1);
        List<Example> test = reversal(200, 2);
        Seq2SeqModel m = model(7);
        TrainingSettings s = new TrainingSettings(20, 600, 1.0, 0.0, 3, 0, false, 1, 0.0);
        List<EpochResult> results = new Trainer(m, adam(m), s, V, null, null).fit(train, List.of(), List.of(), RnnTrainingTest::text);
        assertThat(results.get(results.size() - 1).trainLoss()).isLessThan(results.get(0).trainLoss() / 5);
        int[][] sources = test.stream().map(Example::source).toArray(int[][]::new);
        List<List<Hypothesis>> out = new GreedySearch(0).search(new EagerStepFunction(m, V), sources, false);
        int exact = 0;
        for (int i = 0; i < test.size(); i++) {
            exact += java.util.Arrays.equals(out.get(i).get(0).tokens(), test.get(i).target()) ? 1 : 0;
        }
        assertThat(exact / (double) test.size()).as("exact-match rate on unseen sequences").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aResumedRunContinuesWithTheSameLossesAndWeightsWithScheduledSampling() {
        List<Example> train = reversal(300, 5);
        List<Example> valid = reversal(40, 6);
        List<String> refs = valid.stream().map(e -> text(e.target())).toList();
        TrainingSettings three = new TrainingSettings(3, 300, 1.0, 0.1, 9, 0, true, 2, 0.25);

        Seq2SeqModel straight = model(3);
        List<EpochResult> all = new Trainer(straight, adam(straight), three, V, dir.resolve("a"), null)
                .fit(train, valid, refs, RnnTrainingTest::text);

        Seq2SeqModel first = model(3);
        new Trainer(first, adam(first), three.withEpochs(2), V, dir.resolve("b"), null).fit(train, valid, refs, RnnTrainingTest::text);
        Seq2SeqModel resumed = model(99); // different initial weights: everything must come from the checkpoint
        List<EpochResult> rest = new Trainer(resumed, adam(resumed), three, V, dir.resolve("b"), null)
                .fit(train, valid, refs, RnnTrainingTest::text);

        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).epoch()).isEqualTo(2);
        assertThat(rest.get(0).trainLoss()).isEqualTo(all.get(2).trainLoss());
        assertThat(rest.get(0).validLoss()).isEqualTo(all.get(2).validLoss());
        List<Parameter> a = straight.parameters();
        List<Parameter> b = resumed.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).data()).isEqualTo(a.get(i).data());
        }
    }
}
