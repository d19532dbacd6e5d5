package org.attn4j.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.text.Vocabulary;

/**
 * Sampling: each step draws the next token from the model's distribution, sharpened or flattened
 * by a temperature and optionally restricted to the {@code topK} most probable tokens and to the
 * smallest set whose probability reaches {@code topP} (nucleus sampling, Holtzman et al. 2020).
 * The draws come from a generator seeded with {@code seed} at every call, so the same inputs give
 * the same samples. A hypothesis' {@code logProb} is under the model's own distribution
 * (temperature 1, unrestricted).
 */
public final class SamplingSearch implements Search {
    private final double temperature;
    private final int topK;
    private final double topP;
    private final long seed;
    private final int maxLength;

    private SamplingSearch(Builder b) {
        this.temperature = b.temperature;
        this.topK = b.topK;
        this.topP = b.topP;
        this.seed = b.seed;
        this.maxLength = b.maxLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings; all optional. */
    public static final class Builder {
        private double temperature = 1.0;
        private int topK;
        private double topP = 1.0;
        private long seed;
        private int maxLength;

        /** Divides the logits before the softmax; > 0; default 1. */
        public Builder optTemperature(double t) {
            if (!(t > 0)) {
                throw new IllegalArgumentException("temperature must be > 0, got " + t);
            }
            temperature = t;
            return this;
        }

        /** Keep only the k most probable tokens; 0 (default) keeps all. */
        public Builder optTopK(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("top-k must be >= 0, got " + k);
            }
            topK = k;
            return this;
        }

        /** Keep the smallest set of tokens whose probability reaches p, in (0, 1]; default 1. */
        public Builder optTopP(double p) {
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException("top-p must be in (0, 1], got " + p);
            }
            topP = p;
            return this;
        }

        /** The seed of the draws; default 0. */
        public Builder optSeed(long s) {
            seed = s;
            return this;
        }

        /** The length cap; 0 (default) for {@code 2 * source length + 10}. */
        public Builder optMaxLength(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxLength must be >= 0, got " + n);
            }
            maxLength = n;
            return this;
        }

        public SamplingSearch build() {
            return new SamplingSearch(this);
        }
    }

    @Override
    public <S> List<List<Hypothesis>> search(StepFunction<S> model, int[][] sources, boolean withAttention) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = sources.length;
        S state = model.encode(sources);
        Trace[] traces = new Trace[rows];
        Arrays.fill(traces, Trace.root());
        Hypothesis[] result = new Hypothesis[rows];
        int[] previous = new int[rows];
        Arrays.fill(previous, Vocabulary.BOS);
        int v = model.vocabularySize();
        double[] p = new double[v];
        Integer[] order = new Integer[v];
        int open = rows;
        while (open > 0) {
            StepScores<S> step = model.step(state, previous, withAttention);
            state = step.state();
            float[] logits = step.logits();
            for (int r = 0; r < rows; r++) {
                if (result[r] != null) {
                    previous[r] = Vocabulary.EOS;
                    continue;
                }
                int token = draw(logits, r * v, v, p, order, rng);
                LogSoftmax.row(logits, r, v);
                traces[r] = traces[r].extend(token, logits[r * v + token],
                        LogSoftmax.copyRow(step.attention(), r, step.sourceLength()));
                previous[r] = token;
                boolean eos = token == Vocabulary.EOS;
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

    /** Draws a token from logits[off .. off+v) under temperature, top-k and top-p. */
    private int draw(float[] logits, int off, int v, double[] p, Integer[] order, SplittableRandom rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, logits[off + j] / temperature);
        }
        double sum = 0;
        for (int j = 0; j < v; j++) {
            p[j] = Math.exp(logits[off + j] / temperature - max);
            sum += p[j];
        }
        for (int j = 0; j < v; j++) {
            p[j] /= sum;
        }
        if (topK > 0 || topP < 1) {
            for (int j = 0; j < v; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
            int keep = topK > 0 ? Math.min(topK, v) : v;
            double cum = 0;
            for (int i = 0; i < keep; i++) {
                cum += p[order[i]];
                if (cum >= topP) {
                    keep = i + 1;
                    break;
                }
            }
            for (int i = keep; i < v; i++) {
                p[order[i]] = 0;
            }
        }
        double total = 0;
        for (int j = 0; j < v; j++) {
            total += p[j];
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        int last = 0;
        for (int j = 0; j < v; j++) {
            if (p[j] > 0) {
                acc += p[j];
                last = j;
                if (u < acc) {
                    return j;
                }
            }
        }
        return last;
    }
}
