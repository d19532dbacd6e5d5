package org.attn4j.cli.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.internal.kernel.FrozenWeights;

/**
 * Workload W3 of {@code shared/bench/WORKLOADS.md}: greedy decoding with the W2 model (random
 * weights, no gradients), source length 16 encoded inside the timed region, exactly 32 decode
 * steps ignoring EOS, batch 1 and batch 32, timed like the peer {@code w3_greedy.py}: 2 warm-up
 * decodes, the median of 10; generated tokens/s = batch x 32 / median.
 * <ul>
 *   <li>{@code nocache}: every step runs the decoder over the whole prefix
 *       ({@code Decoder.forward}, causal mask) and takes the last position's logits;</li>
 *   <li>{@code cache}: {@code Decoder.step} with the per-layer key/value cache, cross-attention
 *       keys and values of the memory projected once.</li>
 * </ul>
 * Both pick the same tokens (checked before timing and printed).
 * <pre>
 * java -cp cli/target/attn4j.jar org.attn4j.cli.bench.W3GreedyDecoding [runs warmup]
 * </pre>
 * Prints one final line {@code W3 attn4j tok_per_s b1_nocache=.. b1_cache=.. b32_nocache=.. b32_cache=..}.
 */
public final class W3GreedyDecoding {
    private static final int STEPS = 32;
    private static final int SRC_LEN = 16;

    private W3GreedyDecoding() {
    }

    /** Generated tokens per second by key ({@code b1_nocache}, {@code b1_cache}, {@code b32_nocache}, {@code b32_cache}). */
    public static Map<String, Double> tokensPerSecond(int runs, int warmup) {
        Seq2SeqModel model = W2TransformerTraining.model(0);
        // As the java backend's Translator does with the model it loads: weights fixed for inference.
        model.parameters().forEach(p -> FrozenWeights.freeze(p.data()));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int batch : new int[] {1, 32}) {
            long[] src = BenchTiming.randomIds(new SplittableRandom(batch), batch * SRC_LEN, W2TransformerTraining.SRC_V);
            boolean same = Arrays.equals(decode(model, src, batch, false), decode(model, src, batch, true));
            for (boolean cache : new boolean[] {false, true}) {
                double median = BenchTiming.medianSeconds(runs, warmup, () -> decode(model, src, batch, cache));
                String key = "b" + batch + (cache ? "_cache" : "_nocache");
                out.put(key, batch * STEPS / median);
                System.out.printf(Locale.ROOT, "W3 %-11s decode_s median=%.4f tok/s=%.0f same_tokens=%s%n", key, median,
                        batch * STEPS / median, same);
            }
        }
        return out;
    }

    /** Greedy decoding of {@code batch} sources of length 16; returns the tokens {@code [batch * 32]}. */
    static long[] decode(Seq2SeqModel model, long[] src, int batch, boolean cache) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        return ops.noGrad(() -> {
            Tensor s = ops.constantIds(src, batch, SRC_LEN);
            EncoderOutput encoded = model.encoder().encode(ops, s, ops.notEqual(s, Vocabulary.PAD));
            long[] tokens = new long[batch * STEPS];
            long[] previous = new long[batch];
            Arrays.fill(previous, Vocabulary.BOS);
            DecoderState state = cache ? model.decoder().initialState(ops, encoded) : null;
            for (int t = 0; t < STEPS; t++) {
                float[] logits;
                if (cache) {
                    var step = model.decoder().step(ops, state, ops.constantIds(previous, batch, 1), false);
                    state = step.state();
                    logits = ((EagerTensor) step.logits()).floats();
                } else {
                    long[] prefix = prefix(tokens, batch, t);
                    float[] all = ((EagerTensor) model.decoder().forward(ops, encoded, ops.constantIds(prefix, batch, t + 1)))
                            .floats();
                    logits = lastPosition(all, batch, t + 1);
                }
                int v = logits.length / batch;
                for (int b = 0; b < batch; b++) {
                    previous[b] = argmax(logits, b * v, v);
                    tokens[b * STEPS + t] = previous[b];
                }
            }
            return tokens;
        });
    }

    /** BOS followed by the first t generated tokens of each row: {@code [batch, t + 1]}. */
    private static long[] prefix(long[] tokens, int batch, int t) {
        long[] p = new long[batch * (t + 1)];
        for (int b = 0; b < batch; b++) {
            p[b * (t + 1)] = Vocabulary.BOS;
            System.arraycopy(tokens, b * STEPS, p, b * (t + 1) + 1, t);
        }
        return p;
    }

    private static float[] lastPosition(float[] logits, int batch, int length) {
        int v = logits.length / (batch * length);
        float[] last = new float[batch * v];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(logits, (b * length + length - 1) * v, last, b * v, v);
        }
        return last;
    }

    private static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[off + j] > x[off + best]) {
                best = j;
            }
        }
        return best;
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, Double> rates = tokensPerSecond(runs, warmup);
        StringBuilder line = new StringBuilder("W3 attn4j tok_per_s");
        rates.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s=%.0f", k, v)));
        System.out.println(line);
    }
}
