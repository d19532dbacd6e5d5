package org.attn4j.core.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A step function with known probabilities over 6 tokens (0 pad, 1 unk, 2 BOS, 3 EOS, 4 "a",
 * 5 "b"). Source {4} is the garden path: the first step prefers "a" (0.6) over "b" (0.4), but
 * after "a" EOS has only 0.4 while after "b" it has 0.95, so greedy finds "a" (p 0.24) and a beam
 * of 2 finds "b" (p 0.38). Source {8} repeats "a" (0.9, "b" 0.1) and never ends (EOS has probability 0); any other
 * source repeats "a" for four steps and then ends (EOS 0.99). Attention
 * at step t is one-hot on source position t mod length. Records every reorder.
 */
final class ToyModel implements StepFunction<ToyModel.State> {
    static final int A = 4;
    static final int B = 5;
    static final int EOS = 3;
    static final int ENDLESS = 8;
    final List<int[]> reorders = new ArrayList<>();

    record State(int[][] sources, int[] step) {
    }

    @Override
    public int vocabularySize() {
        return 6;
    }

    @Override
    public State encode(int[][] sources) {
        return new State(sources, new int[sources.length]);
    }

    @Override
    public StepScores<State> step(State s, int[] previous, boolean withAttention) {
        int rows = previous.length;
        int maxLen = 0;
        for (int[] src : s.sources) {
            maxLen = Math.max(maxLen, src.length);
        }
        float[] logits = new float[rows * 6];
        float[] att = withAttention ? new float[rows * maxLen] : null;
        int[] next = new int[rows];
        for (int r = 0; r < rows; r++) {
            double[] p = probs(s.sources[r][0], s.step[r], previous[r]);
            for (int j = 0; j < 6; j++) {
                logits[r * 6 + j] = (float) Math.log(p[j]);
            }
            if (att != null) {
                att[r * maxLen + s.step[r] % s.sources[r].length] = 1f;
            }
            next[r] = s.step[r] + 1;
        }
        return new StepScores<>(logits, 6, att, maxLen, new State(s.sources, next));
    }

    private static double[] probs(int kind, int step, int previous) {
        double tiny = 1e-9;
        double[] p = {tiny, tiny, tiny, tiny, tiny, tiny};
        if (kind == A) {
            if (step == 0) {
                p[A] = 0.6;
                p[B] = 0.4;
            } else if (previous == A) {
                p[EOS] = 0.4;
                p[A] = 0.3;
                p[B] = 0.3;
            } else {
                p[EOS] = 0.95;
                p[A] = 0.05;
            }
        } else if (kind == ENDLESS || step < 4) {
            p[A] = 0.9;
            p[B] = 0.1;
            if (kind == ENDLESS) {
                p[EOS] = 0; // never ends, even as a beam's 2k-th candidate
            }
        } else {
            p[EOS] = 0.99;
        }
        return p;
    }

    @Override
    public State reorder(State s, int[] rows) {
        reorders.add(rows.clone());
        int[][] src = new int[rows.length][];
        int[] step = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            src[i] = s.sources[rows[i]];
            step[i] = s.step[rows[i]];
        }
        return new State(src, step);
    }
}
