package org.attn4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.optim.Adam;
import org.attn4j.core.optim.ConstantSchedule;
import org.attn4j.core.optim.Optimizer;

/**
 * Workload W2 of {@code shared/bench/WORKLOADS.md}: one training step of a small Transformer
 * (forward with teacher forcing, mean cross-entropy, backward, Adam lr 1e-4), timed like the
 * peer script {@code w2_transformer.py}: 3 warm-up steps, the median of 20, target tokens/s =
 * 64 x 16 / median.
 *
 * <p>The model is built through the plugins as a configuration would build it: {@code transformer}
 * encoder and decoder, d_model 256, 8 heads, 3 + 3 layers, FFN 512 (ReLU), post-norm with a final
 * layer norm after each stack, dropout 0, embeddings 8000/6000 x 256 scaled by 16, sinusoidal
 * positions, untied output Linear(256 -> 6000), causal decoder self-attention; batch 64, source
 * and target length 16, no padding.
 * <pre>
 * java -cp cli/target/attn4j.jar org.attn4j.cli.bench.W2TransformerTraining [steps warmup]
 * </pre>
 * Prints one final line {@code W2 attn4j tokens_per_s=N}, the peer's format.
 */
public final class W2TransformerTraining {
    static final int SRC_V = 8000;
    static final int TGT_V = 6000;
    private static final int B = 64;
    private static final int S = 16;
    private static final int T = 16;

    private W2TransformerTraining() {
    }

    /** The W2 model (also W3's), with weights drawn from {@code seed}. */
    public static Seq2SeqModel model(long seed) {
        PluginRegistry plugins = PluginDiscovery.discover(W2TransformerTraining.class.getClassLoader());
        ModelContext ctx = new ModelContext(SRC_V, TGT_V, plugins.attentionFactory(), new SplittableRandom(seed));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("d_model", 256);
        o.put("heads", 8);
        o.put("layers", 3);
        o.put("ffn_dim", 512);
        o.put("activation", "relu");
        o.put("norm", "post");
        o.put("final_norm", true);
        o.put("dropout", 0.0);
        o.put("positions", "sinusoidal");
        Encoder encoder = plugins.get(PluginKind.ENCODER, "transformer").create(Options.of("model.encoder", o), ctx);
        Decoder decoder = plugins.get(PluginKind.DECODER, "transformer").create(Options.of("model.decoder", o), encoder, ctx);
        return Seq2SeqModel.of(encoder, decoder);
    }

    /** Training tokens per second at the median of {@code steps} timed steps after {@code warmup}. */
    public static double tokensPerSecond(int steps, int warmup) {
        Seq2SeqModel model = model(0);
        Optimizer adam = Adam.builder(model.namedParameters(), new ConstantSchedule(1e-4)).build();
        SplittableRandom data = new SplittableRandom(1);
        long[] src = BenchTiming.randomIds(data, B * S, SRC_V);
        long[] tgtIn = BenchTiming.randomIds(data, B * T, TGT_V);
        long[] tgtOut = BenchTiming.randomIds(data, B * T, TGT_V);
        double median = BenchTiming.medianSeconds(steps, warmup, () -> {
            EagerOps ops = new EagerOps(new SplittableRandom(2)).training(true);
            Tensor s = ops.constantIds(src, B, S);
            Tensor logits = model.logits(ops, s, ops.notEqual(s, 0), ops.constantIds(tgtIn, B, T));
            ops.backward(ops.crossEntropy(logits, ops.constantIds(tgtOut, B, T), -1, 0f));
            adam.step();
            adam.zeroGrad();
        });
        return B * T / median;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double rate = tokensPerSecond(steps, warmup);
        System.out.printf(Locale.ROOT, "# params=%,d steps=%d warmup=%d processors=%d%n", model(0).parameterCount(), steps,
                warmup, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "W2 attn4j tokens_per_s=%.0f%n", rate);
    }
}
