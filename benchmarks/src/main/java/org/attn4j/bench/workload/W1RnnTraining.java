package org.attn4j.bench.workload;

import java.util.Arrays;
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
 * peer script {@code w1_rnn_attn.py}: 3 warm-up steps, the median of 20, target tokens/s =
 * 64 x 16 / median.
 *
 * <p>The model is built through the plugins exactly as a configuration would build it: the
 * {@code rnn} encoder (embedding 256, one bidirectional GRU layer of 512) and the Bahdanau
 * {@code rnn} decoder (bridge tanh(Linear(1024 -> 512)), additive attention of dimension 512,
 * GRU on [embedding; context], output Linear(1792 -> 6000) on [s_t; c_t; e_t]). One difference
 * from the peer: attn4j's additive attention projects the keys at every decoder step, where the
 * peer projects them once per batch.
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.attn4j.bench.workload.W1RnnTraining [steps warmup]
 * </pre>
 * Prints one final line {@code W1 attn4j tokens_per_s=N}, the peer's format.
 */
public final class W1RnnTraining {
    private static final int SRC_V = 8000;
    private static final int TGT_V = 6000;
    private static final int B = 64;
    private static final int S = 16;
    private static final int T = 16;

    private W1RnnTraining() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
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
        long[] src = new long[B * S];
        long[] tgtIn = new long[B * T];
        long[] tgtOut = new long[B * T];
        for (int i = 0; i < src.length; i++) {
            src[i] = 4 + data.nextInt(SRC_V - 4);
        }
        for (int i = 0; i < tgtIn.length; i++) {
            tgtIn[i] = 4 + data.nextInt(TGT_V - 4);
            tgtOut[i] = 4 + data.nextInt(TGT_V - 4);
        }
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
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        System.out.printf(Locale.ROOT, "# gemm=%s params=%,d steps=%d median=%.3f s min=%.3f max=%.3f%n",
                Kernels.gemm().name(), model.parameterCount(), steps, median, sorted[0], sorted[steps - 1]);
        System.out.printf(Locale.ROOT, "W1 attn4j tokens_per_s=%.0f%n", B * T / median);
    }
}
