package org.attn4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * chrF (Popović 2015) and chrF++ (Popović 2017): an F-score over character n-grams (orders 1
 * to {@code charOrder}, default 6), and for chrF++ also word n-grams (orders 1 to
 * {@code wordOrder}, 2 for chrF++), computed exactly as sacreBLEU 2.x does.
 *
 * <p>Statistics. Characters are counted with whitespace removed (unless
 * {@link Builder#optWhitespace}); words are the whitespace-separated tokens with one ASCII
 * punctuation mark split off the end of a word, or else off its start. For every order the
 * segment contributes (hypothesis n-grams, reference n-grams, clipped matches); with several
 * references, each segment contributes the statistics of the single reference whose
 * segment-level chrF is highest (the first on a tie). Statistics are summed over the corpus.
 *
 * <p>Score. With {@code P_n = matches / hyp} and {@code R_n = matches / ref} per order and
 * {@code b = beta}, sacreBLEU's default (signature {@code eff:yes}) averages precision and
 * recall over the orders where both the hypothesis and the reference have n-grams, then
 * <pre>
 *   chrF = 100 * (1 + b^2) * P * R / (b^2 * P + R)      (0 when P + R = 0)
 * </pre>
 * With {@link Builder#optEpsSmoothing} ({@code eff:no}, the original chrF++.py, NLTK and Moses
 * behaviour) it is instead the mean over all orders of the per-order F-scores, an undefined
 * precision, recall or F-score counting as 1e-16.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChrF {
    private static final double EPS = 1e-16;
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final int charOrder;
    private final int wordOrder;
    private final int beta;
    private final boolean lowercase;
    private final boolean whitespace;
    private final boolean epsSmoothing;

    private ChrF(Builder b) {
        this.charOrder = b.charOrder;
        this.wordOrder = b.wordOrder;
        this.beta = b.beta;
        this.lowercase = b.lowercase;
        this.whitespace = b.whitespace;
        this.epsSmoothing = b.epsSmoothing;
    }

    /** A builder with sacreBLEU's defaults: chrF2, character order 6, no word n-grams. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores a corpus.
     *
     * @param hypotheses one hypothesis per segment; at least one
     * @param referenceStreams one or more streams, each with one reference per hypothesis
     * @throws IllegalArgumentException if a list is empty or null, holds a null, or a stream's
     *         size differs from the number of hypotheses (the message names the stream)
     */
    public ChrFScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        Corpus.check(hypotheses, referenceStreams);
        int orders = charOrder + wordOrder;
        long[] corpus = new long[3 * orders];
        for (int i = 0; i < hypotheses.size(); i++) {
            List<Map<String, Integer>> hyp = ngrams(hypotheses.get(i));
            long[] best = null;
            double bestF = -1.0;
            for (List<String> stream : referenceStreams) {
                long[] stats = statistics(hyp, ngrams(stream.get(i)));
                double f = fScore(stats);
                if (f > bestF) {
                    bestF = f;
                    best = stats;
                }
            }
            for (int k = 0; k < corpus.length; k++) {
                corpus[k] += best[k];
            }
        }
        return new ChrFScore(fScore(corpus), name(), signature(referenceStreams.size()));
    }

    /** Scores one segment against its references: {@code corpusScore} of a one-segment corpus. */
    public ChrFScore sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>(references.size());
        for (String r : references) {
            List<String> single = new ArrayList<>(1);
            single.add(r);
            streams.add(single);
        }
        List<String> hyps = new ArrayList<>(1);
        hyps.add(hypothesis);
        return corpusScore(hyps, streams);
    }

    /** The metric's name as sacreBLEU prints it: {@code chrF2}, {@code chrF2++}, ... */
    public String name() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    /**
     * The sacreBLEU signature, for example
     * {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0}.
     */
    public String signature(int referenceCount) {
        return "nrefs:" + referenceCount + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:"
                + (epsSmoothing ? "no" : "yes") + "|nc:" + charOrder + "|nw:" + wordOrder + "|space:"
                + (whitespace ? "yes" : "no") + "|version:" + Bleu.SACREBLEU_VERSION;
    }

    /** The n-gram counts of one segment: character orders 1..charOrder, then word orders. */
    private List<Map<String, Integer>> ngrams(String segment) {
        String s = lowercase ? PyText.lower(segment) : segment;
        List<Map<String, Integer>> out = new ArrayList<>(charOrder + wordOrder);
        int[] chars = whitespace ? s.codePoints().toArray() : PyText.nonSpaceCodePoints(s);
        for (int n = 1; n <= charOrder; n++) {
            out.add(Ngrams.chars(chars, n));
        }
        if (wordOrder > 0) {
            List<String> words = splitPunctuation(s);
            for (int n = 1; n <= wordOrder; n++) {
                out.add(Ngrams.words(words, n));
            }
        }
        return out;
    }

    /**
     * chrF++'s words: whitespace-separated tokens, with a trailing ASCII punctuation mark split
     * off, or failing that a leading one; one-character tokens stay whole.
     */
    static List<String> splitPunctuation(String s) {
        List<String> out = new ArrayList<>();
        for (String w : PyText.split(s)) {
            int first = w.codePointAt(0);
            int last = w.codePointBefore(w.length());
            if (w.codePointCount(0, w.length()) == 1) {
                out.add(w);
            } else if (isAsciiPunctuation(last)) {
                out.add(w.substring(0, w.length() - 1));
                out.add(w.substring(w.length() - 1));
            } else if (isAsciiPunctuation(first)) {
                out.add(w.substring(0, 1));
                out.add(w.substring(1));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean isAsciiPunctuation(int cp) {
        return cp < 0x80 && ASCII_PUNCTUATION.indexOf(cp) >= 0;
    }

    /** Per order: hypothesis count (0 if the reference has no n-gram of that order), reference count, matches. */
    private static long[] statistics(List<Map<String, Integer>> hyp, List<Map<String, Integer>> ref) {
        long[] stats = new long[3 * hyp.size()];
        for (int n = 0; n < hyp.size(); n++) {
            Map<String, Integer> h = hyp.get(n);
            Map<String, Integer> r = ref.get(n);
            stats[3 * n] = r.isEmpty() ? 0 : Ngrams.total(h);
            stats[3 * n + 1] = Ngrams.total(r);
            stats[3 * n + 2] = Ngrams.matches(h, r);
        }
        return stats;
    }

    /** The F-score in [0, 100] of summed statistics; sacreBLEU's operand order throughout. */
    private double fScore(long[] stats) {
        int orders = stats.length / 3;
        double factor = (double) beta * beta;
        double epsScore = 0.0;
        double avgPrecision = 0.0;
        double avgRecall = 0.0;
        int effectiveOrder = 0;
        for (int n = 0; n < orders; n++) {
            long hyp = stats[3 * n];
            long ref = stats[3 * n + 1];
            long match = stats[3 * n + 2];
            double precision = hyp > 0 ? (double) match / hyp : EPS;
            double recall = ref > 0 ? (double) match / ref : EPS;
            double denominator = factor * precision + recall;
            epsScore += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPS;
            if (hyp > 0 && ref > 0) {
                avgPrecision += precision;
                avgRecall += recall;
                effectiveOrder++;
            }
        }
        if (epsSmoothing) {
            return 100 * epsScore / orders;
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        avgPrecision /= effectiveOrder;
        avgRecall /= effectiveOrder;
        if (avgPrecision + avgRecall == 0) {
            return 0.0;
        }
        double score = (1 + factor) * avgPrecision * avgRecall;
        score /= factor * avgPrecision + avgRecall;
        return 100 * score;
    }

    /** Settings for {@link ChrF}; every one is optional and defaults to sacreBLEU's chrF2. */
    public static final class Builder {
        private int charOrder = 6;
        private int wordOrder;
        private int beta = 2;
        private boolean lowercase;
        private boolean whitespace;
        private boolean epsSmoothing;

        private Builder() {
        }

        /** The highest character n-gram order, {@code >= 0}; default 6. */
        public Builder optCharOrder(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("character order must be >= 0, got " + value);
            }
            this.charOrder = value;
            return this;
        }

        /** The highest word n-gram order, {@code >= 0}; default 0, 2 for chrF++. */
        public Builder optWordOrder(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("word order must be >= 0, got " + value);
            }
            this.wordOrder = value;
            return this;
        }

        /** Recall's weight relative to precision, {@code >= 0}; default 2. */
        public Builder optBeta(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("beta must be >= 0, got " + value);
            }
            this.beta = value;
            return this;
        }

        /** Lower-case hypotheses and references first; default false. */
        public Builder optLowercase(boolean value) {
            this.lowercase = value;
            return this;
        }

        /** Keep whitespace inside character n-grams; default false. */
        public Builder optWhitespace(boolean value) {
            this.whitespace = value;
            return this;
        }

        /** Average per-order F-scores with epsilon smoothing instead of effective order; default false. */
        public Builder optEpsSmoothing(boolean value) {
            this.epsSmoothing = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if both orders are 0
         */
        public ChrF build() {
            if (charOrder + wordOrder == 0) {
                throw new IllegalArgumentException("character order and word order are both 0: nothing to count");
            }
            return new ChrF(this);
        }
    }
}
