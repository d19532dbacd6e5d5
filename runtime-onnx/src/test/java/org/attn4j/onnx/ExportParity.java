package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.StepFunction;
import org.attn4j.core.generate.StepScores;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;

/**
 * Eager engine against ONNX Runtime for a whole model, through the {@link StepFunction} that
 * decoding uses: encode a ragged batch, step with the same tokens on both, reorder the rows as a
 * beam search would, and compare logits and attention at every step. The export traces no size
 * at all, so every batch and length here differs from the export's. Reused by the integration
 * tests for the third-party plugin (this module's test jar).
 */
public final class ExportParity {
    /** Sources of lengths 7, 4 and 2 (EOS = 3 last), then one of length 11 alone. */
    private static final int[][] BATCH = {{5, 6, 7, 8, 9, 10, 3}, {4, 11, 12, 3}, {7, 3}};
    private static final int[][] SINGLE = {{4, 5, 6, 7, 8, 9, 10, 11, 12, 4, 3}};

    private ExportParity() {
    }

    /** A model from the registry's {@code rnn} encoder and decoder with these options. */
    public static Seq2SeqModel rnnModel(PluginRegistry plugins, int vocabulary, Map<String, Object> encoder,
            Map<String, Object> decoder, long seed) {
        ModelContext ctx = new ModelContext(vocabulary, vocabulary, plugins.attentionFactory(), new SplittableRandom(seed));
        var enc = plugins.get(PluginKind.ENCODER, "rnn").create(Options.of("model.encoder", encoder), ctx);
        var dec = plugins.get(PluginKind.DECODER, "rnn").create(Options.of("model.decoder", decoder), enc, ctx);
        return Seq2SeqModel.of(enc, dec);
    }

    /** Exports {@code model} into {@code dir}/onnx, opens it, and returns the largest logit difference seen. */
    public static double check(Seq2SeqModel model, int vocabulary, Path dir) {
        return check(model, vocabulary, dir, true);
    }

    /**
     * As {@link #check(Seq2SeqModel, int, Path)}, over the cached step graph when {@code cached}
     * and the export has one, else over {@code decoder_step.onnx} (attention is compared for the
     * graph that outputs it).
     */
    public static double check(Seq2SeqModel model, int vocabulary, Path dir, boolean cached) {
        OnnxExporter.Exported e = OnnxExporter.trace(model, vocabulary, vocabulary, "{}", "none");
        Path onnx = dir.resolve(OnnxExporter.DIRECTORY);
        OnnxExporter.write(onnx, e);
        double worst = 0;
        try (OnnxModel m = OnnxModel.open(onnx, new RuntimeConfig("onnx", "cpu", 1, "all"))) {
            for (int[][] sources : List.of(BATCH, SINGLE)) {
                worst = Math.max(worst, compare(new EagerStepFunction(model, vocabulary), m.newStepFunction(cached),
                        sources, m.stepGraph(cached).attentionOutput() != null));
            }
        }
        return worst;
    }

    /**
     * Exports {@code model} into {@code dir}/onnx and checks that greedy and beam-5 search give
     * the same tokens over the eager engine and over ONNX Runtime for {@code sources}.
     */
    public static void decodesAlike(Seq2SeqModel model, int vocabulary, Path dir, int[][] sources) {
        OnnxExporter.Exported e = OnnxExporter.trace(model, vocabulary, vocabulary, "{}", "none");
        Path onnx = dir.resolve(OnnxExporter.DIRECTORY);
        OnnxExporter.write(onnx, e);
        try (OnnxModel m = OnnxModel.open(onnx, new RuntimeConfig("onnx", "cpu", 1, "all"))) {
            for (org.attn4j.core.generate.Search s : List.of(new org.attn4j.core.generate.GreedySearch(0),
                    org.attn4j.core.generate.BeamSearch.builder(5).build())) {
                var a = s.search(new EagerStepFunction(model, vocabulary), sources, false);
                var b = s.search(m.newStepFunction(), sources, false);
                for (int i = 0; i < sources.length; i++) {
                    assertThat(b.get(i).get(0).tokens()).as("%s, source %d", s, i).containsExactly(a.get(i).get(0).tokens());
                }
            }
        }
    }

    /**
     * Exports {@code model} with its teacher-forced forward graph into {@code dir}/onnx (an RNN
     * decoder's loop unrolled over {@code fixedLength}), opens it, and returns the largest logit
     * difference from the eager {@code Seq2SeqModel.logits} over padded batches of 3 and 1 with
     * source lengths 7 and 11 (target length {@code fixedLength}, or 5 and 9 when the graph's is dynamic).
     */
    public static double forwardCheck(Seq2SeqModel model, int vocabulary, Path dir, int fixedLength) {
        Path onnx = dir.resolve(OnnxExporter.DIRECTORY);
        OnnxExporter.write(onnx, OnnxExporter.trace(model, vocabulary, vocabulary, "{}", "none", fixedLength));
        try (OnnxForward f = OnnxForward.open(onnx, new RuntimeConfig("onnx", "cpu", 1, "all"))) {
            int t1 = f.fixedTargetLength().orElse(5);
            int t2 = f.fixedTargetLength().orElse(9);
            return forwardWorst(model, vocabulary, f, new int[][] {{3, 7, t1}, {1, 11, t2}});
        }
    }

    /**
     * The largest difference between {@code f}'s logits and the eager engine's over the shapes
     * {@code {batch, srcLen, tgtLen}}: seeded random ids, source row r padded (PAD = 0) after its
     * first {@code srcLen - 2r} ids (at least one).
     */
    public static double forwardWorst(Seq2SeqModel model, int vocabulary, OnnxForward f, int[][] shapes) {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int[] shape : shapes) {
            int b = shape[0];
            long[] src = paddedIds(rng, b, shape[1], vocabulary);
            long[] tgt = new long[b * shape[2]];
            for (int i = 0; i < tgt.length; i++) {
                tgt[i] = 1 + rng.nextInt(vocabulary - 1);
            }
            float[] want = eagerLogits(model, src, b, shape[1], tgt, shape[2]);
            float[] got = f.logits(src, b, shape[1], tgt, shape[2]);
            assertThat(got).hasSize(b * shape[2] * vocabulary);
            worst = Math.max(worst, GraphHarness.maxAbs(want, got));
        }
        return worst;
    }

    private static long[] paddedIds(SplittableRandom rng, int batch, int len, int vocabulary) {
        long[] ids = new long[batch * len];
        for (int r = 0; r < batch; r++) {
            int real = Math.max(1, len - 2 * r);
            for (int j = 0; j < real; j++) {
                ids[r * len + j] = 3 + rng.nextInt(vocabulary - 3);
            }
        }
        return ids;
    }

    private static float[] eagerLogits(Seq2SeqModel model, long[] src, int batch, int srcLen, long[] tgt, int tgtLen) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        return ops.noGrad(() -> {
            Tensor s = ops.constantIds(src, batch, srcLen);
            Tensor logits = model.logits(ops, s, ops.notEqual(s, Vocabulary.PAD), ops.constantIds(tgt, batch, tgtLen));
            return ((EagerTensor) logits).floats();
        });
    }

    private static <A, B> double compare(StepFunction<A> eager, StepFunction<B> ort, int[][] sources, boolean attention) {
        A a = eager.encode(sources);
        B b = ort.encode(sources);
        int rows = sources.length;
        int[] previous = new int[rows];
        Arrays.fill(previous, 2);
        double worst = 0;
        for (int step = 0; step < 6; step++) {
            StepScores<A> sa = eager.step(a, previous, true);
            StepScores<B> sb = ort.step(b, previous, true);
            assertThat(sb.rows()).isEqualTo(sa.rows());
            worst = Math.max(worst, GraphHarness.maxAbs(sa.logits(), sb.logits()));
            if (attention) {
                assertThat(sb.sourceLength()).isEqualTo(sa.sourceLength());
                assertThat(GraphHarness.maxAbs(sa.attention(), sb.attention())).as("attention at step %d", step)
                        .isLessThan(1e-4);
            }
            a = sa.state();
            b = sb.state();
            for (int r = 0; r < rows; r++) {
                previous[r] = argmax(sa.logits(), r, sa.vocabulary());
            }
            if (step == 2 && rows > 1) { // as a beam search would: repeat row 0, drop the last
                int[] order = new int[rows];
                order[1] = 0;
                for (int r = 2; r < rows; r++) {
                    order[r] = r - 1;
                }
                a = eager.reorder(a, order);
                b = ort.reorder(b, order);
                int[] p = previous.clone();
                for (int r = 0; r < rows; r++) {
                    previous[r] = p[order[r]];
                }
            }
        }
        return worst;
    }

    /** The index of the largest of row {@code row}'s {@code v} logits (the first on a tie). */
    static int argmax(float[] logits, int row, int v) {
        int best = 0;
        for (int j = 1; j < v; j++) {
            if (logits[row * v + j] > logits[row * v + best]) {
                best = j;
            }
        }
        return best;
    }
}
