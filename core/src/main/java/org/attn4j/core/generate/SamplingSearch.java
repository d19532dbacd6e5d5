package org.attn4j.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sampling: each step draws the next token from the model's distribution, sharpened or flattened
 * by a temperature and optionally restricted to the {@code topK} most probable tokens and to the
 * smallest set whose probability reaches {@code topP} (nucleus sampling, Holtzman et al. 2020).
 * The draws come from a generator seeded with {@code seed} at every call, so the same inputs give
 * the same samples. A hypothesis' {@code logProb} is under the model's own distribution
 * (temperature 1, unrestricted).
 */
public final class SamplingSearch extends TokenByTokenSearch {
    private final double temperature;
    private final int topK;
    private final double topP;
    private final long seed;

    private SamplingSearch(Builder b) {
        super(b.maxLength);
        this.temperature = b.temperature;
        this.topK = b.topK;
        this.topP = b.topP;
        this.seed = b.seed;
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
    Picker picker(int v) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[v];
        Integer[] order = new Integer[v];
        return (logits, off, n) -> draw(logits, off, n, p, order, rng);
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
