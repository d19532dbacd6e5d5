package org.attn4j.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attn4j.api.text.Vocabulary;

/**
 * Greedy decoding: at every step each row takes its most probable token. Rows that finished keep
 * stepping (with EOS as input) until the whole batch is done, which keeps the batch shape fixed.
 * <pre>{@code
 * List<List<Hypothesis>> out = new GreedySearch(0).search(model, sources, false);
 * }</pre>
 */
public final class GreedySearch implements Search {
    private final int maxLength;

    /** @param maxLength the length cap in target tokens; 0 for {@code 2 * source length + 10} */
    public GreedySearch(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    @Override
    public <S> List<List<Hypothesis>> search(StepFunction<S> model, int[][] sources, boolean withAttention) {
        int rows = sources.length;
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
            float[] lp = step.logits();
            for (int r = 0; r < rows; r++) {
                if (result[r] != null) {
                    previous[r] = Vocabulary.EOS;
                    continue;
                }
                LogSoftmax.row(lp, r, v);
                int best = 0;
                for (int j = 1; j < v; j++) {
                    if (lp[r * v + j] > lp[r * v + best]) {
                        best = j;
                    }
                }
                traces[r] = traces[r].extend(best, lp[r * v + best], LogSoftmax.copyRow(step.attention(), r, step.sourceLength()));
                previous[r] = best;
                boolean eos = best == Vocabulary.EOS;
                if (eos || traces[r].length >= Search.maxSteps(maxLength, sources[r].length)) {
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
