package org.attn4j.transformer;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.generate.StepFunction;
import org.attn4j.core.generate.StepScores;

/**
 * The reference for cached decoding: every step re-encodes the sources and runs the decoder
 * over the whole prefix with teacher forcing ({@code Decoder.forward}), keeping the last
 * position's logits. Its state is the sources and the prefixes themselves.
 */
final class UncachedStepFunction implements StepFunction<UncachedStepFunction.Rows> {
    record Rows(int[][] sources, int[][] prefixes) {
    }

    private final Seq2SeqModel model;
    private final int vocabulary;
    private final EagerOps ops = new EagerOps(new SplittableRandom(0));

    UncachedStepFunction(Seq2SeqModel model, int vocabulary) {
        this.model = model;
        this.vocabulary = vocabulary;
    }

    @Override
    public int vocabularySize() {
        return vocabulary;
    }

    @Override
    public Rows encode(int[][] sources) {
        return new Rows(sources, new int[sources.length][0]);
    }

    @Override
    public StepScores<Rows> step(Rows state, int[] previous, boolean withAttention) {
        int rows = previous.length;
        int[][] prefixes = new int[rows][];
        for (int r = 0; r < rows; r++) {
            prefixes[r] = Arrays.copyOf(state.prefixes[r], state.prefixes[r].length + 1);
            prefixes[r][prefixes[r].length - 1] = previous[r];
        }
        int s = 0;
        for (int[] src : state.sources) {
            s = Math.max(s, src.length);
        }
        int t = prefixes[0].length;
        long[] src = new long[rows * s];
        long[] tgt = new long[rows * t];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < state.sources[r].length; j++) {
                src[r * s + j] = state.sources[r][j];
            }
            for (int j = 0; j < t; j++) {
                tgt[r * t + j] = prefixes[r][j];
            }
        }
        int width = s;
        float[] all = ops.noGrad(() -> {
            Tensor srcT = ops.constantIds(src, rows, width);
            return ((EagerTensor) model.logits(ops, srcT, ops.notEqual(srcT, 0), ops.constantIds(tgt, rows, t))).floats();
        });
        float[] last = new float[rows * vocabulary];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(all, (r * t + t - 1) * vocabulary, last, r * vocabulary, vocabulary);
        }
        return new StepScores<>(last, vocabulary, null, 0, new Rows(state.sources, prefixes));
    }

    @Override
    public Rows reorder(Rows state, int[] rows) {
        int[][] sources = new int[rows.length][];
        int[][] prefixes = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            sources[i] = state.sources[rows[i]];
            prefixes[i] = state.prefixes[rows[i]];
        }
        return new Rows(sources, prefixes);
    }
}
