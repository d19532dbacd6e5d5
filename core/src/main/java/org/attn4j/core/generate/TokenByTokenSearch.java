package org.attn4j.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attn4j.api.text.Vocabulary;

/**
 * The loop shared by greedy decoding and sampling: one hypothesis per source, each step picks
 * one token per row. Rows that finished keep stepping (with EOS as input) until the whole batch
 * is done, which keeps the batch shape fixed. Subclasses only pick the token. {@code <pad>} and
 * {@code <s>} are never picked (see {@link Search}), nor EOS before {@code minLength} tokens (its
 * logit is set to minus infinity before the choice, as Hugging Face's {@code min_new_tokens}).
 */
abstract class TokenByTokenSearch implements Search {
    final int maxLength;
    final boolean forceEos;
    final int minLength;

    TokenByTokenSearch(int maxLength) {
        this(maxLength, false, 0);
    }

    /**
     * @param forceEos  end every hypothesis that reaches the length cap with EOS as its last token
     * @param minLength tokens before EOS may be picked; the cap and {@code forceEos} still end a
     *                  hypothesis
     */
    TokenByTokenSearch(int maxLength, boolean forceEos, int minLength) {
        if (maxLength < 0 || minLength < 0) {
            throw new IllegalArgumentException("maxLength and minLength must be >= 0, got " + maxLength + " and "
                    + minLength);
        }
        this.maxLength = maxLength;
        this.forceEos = forceEos;
        this.minLength = minLength;
    }

    /** Picks the next token from the raw logits {@code [off, off + v)}; one picker serves one search call. */
    interface Picker {
        int pick(float[] logits, int off, int v);
    }

    /** A fresh picker for one call of {@link #search} over a vocabulary of size {@code v}. */
    abstract Picker picker(int v);

    @Override
    public final <S> List<List<Hypothesis>> search(StepFunction<S> model, int[][] sources, boolean withAttention) {
        int rows = sources.length;
        Picker picker = picker(model.vocabularySize());
        S state = model.encode(sources);
        Trace[] traces = new Trace[rows];
        Arrays.fill(traces, Trace.root());
        Hypothesis[] result = new Hypothesis[rows];
        int[] previous = new int[rows];
        Arrays.fill(previous, Vocabulary.BOS);
        int open = rows;
        while (open > 0) {
            StepScores<S> step = model.step(state, previous, withAttention);
            state = step.state();
            int v = step.vocabulary();
            float[] logits = step.logits();
            for (int r = 0; r < rows; r++) {
                if (result[r] != null) {
                    previous[r] = Vocabulary.EOS;
                    continue;
                }
                int cap = Search.maxSteps(maxLength, sources[r].length);
                LogSoftmax.banNonOutputs(logits, r, v);
                if (traces[r].length < minLength) {
                    logits[r * v + Vocabulary.EOS] = Float.NEGATIVE_INFINITY;
                }
                int token = forceEos && traces[r].length + 1 >= cap ? Vocabulary.EOS : picker.pick(logits, r * v, v);
                LogSoftmax.row(logits, r, v);
                traces[r] = traces[r].extend(token, logits[r * v + token],
                        LogSoftmax.copyRow(step.attention(), r, step.sourceLength()));
                previous[r] = token;
                boolean eos = token == Vocabulary.EOS;
                if (eos || traces[r].length >= cap) {
                    result[r] = traces[r].toHypothesis(eos, traces[r].logProb, withAttention);
                    open--;
                }
            }
        }
        List<List<Hypothesis>> out = new ArrayList<>(rows);
        for (Hypothesis h : result) {
            out.add(List.of(h));
        }
        return out;
    }
}
