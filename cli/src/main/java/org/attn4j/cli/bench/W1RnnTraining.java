package org.attn4j.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.internal.kernel.Kernels;
import org.attn4j.core.optim.Adam;
import org.attn4j.core.optim.ConstantSchedule;
import org.attn4j.core.optim.Optimizer;

/**
 * Workload W1 of {@code shared/bench/WORKLOADS.md}: one training step of a Bahdanau RNN seq2seq
 * (forward with teacher forcing, mean cross-entropy, backward, Adam lr 1e-3), timed like the
 * peer script {@code w1_rnn_attn.py}: warm-up steps, then the median of the timed steps
 * (3 and 20 by default); target tokens/s = 64 x 16 / median.
 *
 * <p>The model is built through the plugins exactly as a configuration would build it: the
 * {@code rnn} encoder (embedding 256, one bidirectional GRU layer of 512) and the Bahdanau
 * {@code rnn} decoder (bridge tanh(Linear(1024 -> 512)), additive attention of dimension 512,
 * GRU on [embedding; context], output Linear(1792 -> 6000) on [s_t; c_t; e_t]); its parameter
 * count equals the peer's. The GEMM is the engine's ({@link Kernels#gemm()}), chosen by the
 * caller before the first step. Run it with {@code attn4j bench W1 [--gemm native|vector|plain]}.
 */
public final class W1RnnTraining {
    private static final int SRC_V = 8000;
    private static final int TGT_V = 6000;
    private static final int B = 64;
    private static final int S = 16;
    private static final int T = 16;

    private W1RnnTraining() {
    }

    /**
     * Runs {@code warmup} untimed and {@code steps} timed training steps and returns target
     * tokens per second at the median step; a summary line starting with {@code #} goes to
     * {@code log}.
     */
    public static double tokensPerSecond(int steps, int warmup, PrintWriter log) {
        PluginRegistry plugins = PluginDiscovery.discover(W1RnnTraining.class.getClassLoader());
        ModelContext ctx = new ModelContext(SRC_V, TGT_V, plugins.attentionFactory(), new SplittableRandom(0));
        var encoder = plugins.get(PluginKind.ENCODER, "rnn").create(Options.of("model.encoder",
                Map.of("cell", "gru", "embedding_dim", 256, "hidden", 512, "bidirectional", true)), ctx);
        var decoder = plugins.get(PluginKind.DECODER, "rnn").create(Options.of("model.decoder",
                Map.of("cell", "gru", "style", "bahdanau", "embedding_dim", 256, "hidden", 512,
                        "attention", Map.of("name", "additive", "dim", 512))), encoder, ctx);
        Seq2SeqModel model = Seq2SeqModel.of(encoder, decoder);
        Optimizer adam = Adam.builder(model.namedParameters(), new ConstantSchedule(1e-3)).build();

        SplittableRandom data = new SplittableRandom(1);
        long[] src = randomIds(data, B * S, SRC_V);
        long[] tgtIn = randomIds(data, B * T, TGT_V);
        long[] tgtOut = randomIds(data, B * T, TGT_V);
        double[] seconds = new double[steps];
        for (int i = -warmup; i < steps; i++) {
            long start = System.nanoTime();
            EagerOps ops = new EagerOps(new SplittableRandom(2));
            Tensor s = ops.constantIds(src, B, S);
            Tensor logits = model.logits(ops, s, ops.notEqual(s, 0), ops.constantIds(tgtIn, B, T));
            Tensor loss = ops.crossEntropy(logits, ops.constantIds(tgtOut, B, T), -1, 0f);
            ops.backward(loss);
            adam.step();
            adam.zeroGrad();
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Samples stats = Samples.of(seconds);
        log.printf(Locale.ROOT, "# W1 gemm=%s params=%,d steps=%d step_s median=%.3f min=%.3f max=%.3f%n",
                Kernels.gemm().name(), model.parameterCount(), steps, stats.median(), stats.min(), stats.max());
        log.flush();
        return B * T / stats.median();
    }

    /** Ids in [4, vocabulary): the specials (pad, unk, bos, eos) never occur, as in the peer's data. */
    private static long[] randomIds(SplittableRandom random, int count, int vocabulary) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = 4 + random.nextInt(vocabulary - 4);
        }
        return ids;
    }
}
