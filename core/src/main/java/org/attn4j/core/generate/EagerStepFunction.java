package org.attn4j.core.generate;

import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.model.StepOutput;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;

/**
 * A {@link StepFunction} over a model run by the eager engine, without gradients and without
 * dropout. Sources are padded with {@link Vocabulary#PAD} into one batch.
 *
 * <p>Not thread-safe (it owns an {@link EagerOps}); the model itself is only read, so several
 * step functions may share one model across threads.
 */
public final class EagerStepFunction implements StepFunction<DecoderState> {
    private final Seq2SeqModel model;
    private final int vocabulary;
    private final EagerOps ops = new EagerOps(new SplittableRandom(0));

    /** @param targetVocabularySize V, the size of the decoder's output */
    public EagerStepFunction(Seq2SeqModel model, int targetVocabularySize) {
        this.model = model;
        this.vocabulary = targetVocabularySize;
    }

    @Override
    public int vocabularySize() {
        return vocabulary;
    }

    @Override
    public DecoderState encode(int[][] sources) {
        int b = sources.length;
        int s = 0;
        for (int[] src : sources) {
            s = Math.max(s, src.length);
        }
        long[] ids = new long[b * s];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < sources[r].length; j++) {
                ids[r * s + j] = sources[r][j];
            }
        }
        int width = s;
        return ops.noGrad(() -> {
            Tensor src = ops.constantIds(ids, b, width);
            EncoderOutput enc = model.encoder().encode(ops, src, ops.notEqual(src, Vocabulary.PAD));
            return model.decoder().initialState(ops, enc);
        });
    }

    @Override
    public StepScores<DecoderState> step(DecoderState state, int[] previous, boolean withAttention) {
        long[] prev = new long[previous.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = previous[i];
        }
        return ops.noGrad(() -> {
            StepOutput out = model.decoder().step(ops, state, ops.constantIds(prev, prev.length, 1), withAttention);
            EagerTensor logits = (EagerTensor) out.logits();
            if (logits.rank() != 2 || logits.dim(1) != vocabulary) {
                throw new IllegalStateException("decoder step returned logits " + java.util.Arrays.toString(logits.shape())
                        + ", expected [" + previous.length + ", " + vocabulary + "]");
            }
            float[] att = null;
            int srcLen = 0;
            if (withAttention && out.attention() != null) {
                EagerTensor a = (EagerTensor) out.attention();
                att = a.floats().clone();
                srcLen = a.dim(-1);
            }
            return new StepScores<>(logits.floats().clone(), vocabulary, att, srcLen, out.state());
        });
    }

    @Override
    public DecoderState reorder(DecoderState state, int[] rows) {
        long[] idx = new long[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rows[i];
        }
        return ops.noGrad(() -> state.reorder(ops, ops.constantIds(idx, idx.length)));
    }
}
