package org.attn4j.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Corpus BLEU (Papineni et al., 2002) computed exactly as sacreBLEU 2.x does, so that scores
 * with equal signatures are comparable with published sacreBLEU figures.
 *
 * <p>For each segment: the hypothesis and every reference are (optionally) lower-cased,
 * stripped of trailing whitespace and tokenized ({@link BleuTokenizer}); the hypothesis n-grams
 * of orders 1 to 4 are counted and clipped by the largest count of that n-gram in any single
 * reference; the reference length is that of the reference closest in length to the
 * hypothesis (the shorter one on a tie). Matches, totals and lengths are summed over the
 * corpus, then
 * <pre>
 *   BLEU = BP * exp( (1/N) * sum_{n=1..N} log p_n ),  BP = 1 if c >= r else exp(1 - r/c)
 * </pre>
 * with {@code c} the hypothesis length, {@code r} the reference length, {@code p_n} the
 * (smoothed, see {@link Smoothing}) n-gram precisions in percent, and {@code N = 4}. Defaults
 * match sacreBLEU's: tokenizer {@code 13a}, {@code exp} smoothing, case-sensitive, no
 * effective order.
 *
 * <pre>{@code
 * Bleu bleu = Bleu.builder().build();
 * BleuScore s = bleu.corpusScore(hypotheses, List.of(references1, references2));
 * System.out.println(s.score() + " " + s.signature());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Bleu {
    /** The sacreBLEU release whose definitions this class reproduces; named in signatures. */
    public static final String SACREBLEU_VERSION = "2.6.0";

    /** log(0) as sacreBLEU floors it: a zero precision drives the score to exactly 0. */
    private static final double LOG_ZERO = -9999999999.0;

    private final BleuTokenizer tokenizer;
    private final Smoothing smoothing;
    private final double smoothValue;
    private final boolean lowercase;
    private final boolean effectiveOrder;
    private final int maxOrder;

    private Bleu(Builder b) {
        this.tokenizer = b.tokenizer;
        this.smoothing = b.smoothing;
        this.smoothValue = b.smoothValue;
        this.lowercase = b.lowercase;
        this.effectiveOrder = b.effectiveOrder;
        this.maxOrder = b.maxOrder;
    }

    /** A builder with sacreBLEU's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores a corpus.
     *
     * @param hypotheses one detokenised hypothesis per segment; at least one
     * @param referenceStreams one or more streams, each with one reference per hypothesis
     * @throws IllegalArgumentException if a list is empty or null, holds a null, or a stream's
     *         size differs from the number of hypotheses (the message names the stream)
     */
    public BleuScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        Corpus.check(hypotheses, referenceStreams);
        long[] matches = new long[maxOrder];
        long[] totals = new long[maxOrder];
        long hypLength = 0;
        long refLength = 0;
        List<List<String>> refTokens = new ArrayList<>(referenceStreams.size());
        for (int i = 0; i < hypotheses.size(); i++) {
            refTokens.clear();
            for (List<String> stream : referenceStreams) {
                refTokens.add(tokens(stream.get(i)));
            }
            List<String> hyp = tokens(hypotheses.get(i));
            hypLength += hyp.size();
            refLength += closestLength(hyp.size(), refTokens);
            Map<String, Integer> refCounts = maxCounts(refTokens);
            for (int n = 1; n <= maxOrder; n++) {
                Map<String, Integer> hypCounts = Ngrams.words(hyp, n);
                totals[n - 1] += Ngrams.total(hypCounts);
                matches[n - 1] += Ngrams.matches(hypCounts, refCounts);
            }
        }
        return compute(matches, totals, hypLength, refLength, referenceStreams.size());
    }

    /**
     * Scores one segment against its references: {@code corpusScore} of a one-segment corpus.
     * sacreBLEU recommends {@link Builder#optEffectiveOrder} for sentence-level scores.
     */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
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

    /**
     * The sacreBLEU signature of this configuration, for example
     * {@code nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}. The version field
     * names the sacreBLEU release whose definitions are reproduced ({@link #SACREBLEU_VERSION}).
     */
    public String signature(int referenceCount) {
        String smooth = smoothing.id();
        if (smoothing.takesValue()) {
            smooth += "[" + Decimals.format(smoothValue, 2) + "]";
        }
        return "nrefs:" + referenceCount + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:"
                + (effectiveOrder ? "yes" : "no") + "|tok:" + tokenizer.id() + "|smooth:" + smooth
                + "|version:" + SACREBLEU_VERSION;
    }

    private List<String> tokens(String segment) {
        String s = lowercase ? PyText.lower(segment) : segment;
        return PyText.split(tokenizer.tokenize(PyText.rstrip(s)));
    }

    /** The reference length closest to the hypothesis length; the shorter one on a tie. */
    static int closestLength(int hypLength, List<List<String>> refs) {
        int best = -1;
        int bestDiff = Integer.MAX_VALUE;
        for (List<String> ref : refs) {
            int len = ref.size();
            int diff = Math.abs(hypLength - len);
            if (diff < bestDiff || (diff == bestDiff && len < best)) {
                bestDiff = diff;
                best = len;
            }
        }
        return best;
    }

    /** For every n-gram of orders 1..maxOrder, its largest count in any one reference. */
    private Map<String, Integer> maxCounts(List<List<String>> refs) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> ref : refs) {
            for (int n = 1; n <= maxOrder; n++) {
                for (Map.Entry<String, Integer> e : Ngrams.words(ref, n).entrySet()) {
                    counts.merge(e.getKey(), e.getValue(), Math::max);
                }
            }
        }
        return counts;
    }

    /**
     * BLEU from corpus statistics. The arithmetic follows sacreBLEU operation by operation
     * (same operand order, same floored logarithm) so that results agree to the last bits.
     */
    private BleuScore compute(long[] matches, long[] totals, long hypLength, long refLength, int refCount) {
        double bp = 1.0;
        if (hypLength < refLength) {
            bp = hypLength > 0 ? Math.exp(1.0 - (double) refLength / hypLength) : 0.0;
        }
        double ratio = refLength > 0 ? (double) hypLength / refLength : 0.0;
        double[] precisions = new double[maxOrder];
        boolean anyMatch = false;
        for (long m : matches) {
            anyMatch |= m != 0;
        }
        double score = 0.0;
        if (anyMatch) {
            int order = maxOrder;
            double mtevalDenominator = 1.0;
            for (int n = 1; n <= maxOrder; n++) {
                double m = matches[n - 1];
                double t = totals[n - 1];
                if (smoothing == Smoothing.ADD_K && n > 1) {
                    m += smoothValue;
                    t += smoothValue;
                }
                if (t == 0) {
                    break;
                }
                if (effectiveOrder) {
                    order = n;
                }
                if (m == 0) {
                    if (smoothing == Smoothing.EXP) {
                        mtevalDenominator *= 2;
                        precisions[n - 1] = 100.0 / (mtevalDenominator * t);
                    } else if (smoothing == Smoothing.FLOOR) {
                        precisions[n - 1] = 100.0 * smoothValue / t;
                    }
                } else {
                    precisions[n - 1] = 100.0 * m / t;
                }
            }
            double logSum = 0.0;
            for (int n = 0; n < order; n++) {
                logSum += precisions[n] == 0.0 ? LOG_ZERO : Math.log(precisions[n]);
            }
            score = bp * Math.exp(logSum / order);
        }
        return new BleuScore(score, toList(precisions), toList(matches), toList(totals), bp, ratio,
                hypLength, refLength, signature(refCount));
    }

    private static List<Double> toList(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double x : a) {
            out.add(x);
        }
        return out;
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) {
            out.add(x);
        }
        return out;
    }

    /** Settings for {@link Bleu}; every one is optional and defaults to sacreBLEU's. */
    public static final class Builder {
        private BleuTokenizer tokenizer = BleuTokenizer.MTEVAL_13A;
        private Smoothing smoothing = Smoothing.EXP;
        private double smoothValue = Double.NaN;
        private boolean lowercase;
        private boolean effectiveOrder;
        private int maxOrder = 4;

        private Builder() {
        }

        /** The tokenizer; default {@link BleuTokenizer#MTEVAL_13A}. */
        public Builder optTokenizer(BleuTokenizer value) {
            this.tokenizer = Objects.requireNonNull(value, "tokenizer");
            return this;
        }

        /** The smoothing method with its default value; default {@link Smoothing#EXP}. */
        public Builder optSmoothing(Smoothing method) {
            this.smoothing = Objects.requireNonNull(method, "smoothing");
            this.smoothValue = method.defaultValue().orElse(Double.NaN);
            return this;
        }

        /**
         * The smoothing method with an explicit value ({@code floor}'s pseudo-count or
         * {@code add-k}'s {@code k}).
         *
         * @throws IllegalArgumentException if the method takes no value, or the value is
         *         negative or not finite
         */
        public Builder optSmoothing(Smoothing method, double value) {
            Objects.requireNonNull(method, "smoothing");
            if (!method.takesValue()) {
                throw new IllegalArgumentException("smoothing method '" + method.id()
                        + "' takes no value, but " + value + " was given; only floor and add-k do");
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("smoothing value must be finite and >= 0, got " + value);
            }
            this.smoothing = method;
            this.smoothValue = value;
            return this;
        }

        /** Lower-case hypotheses and references before tokenizing; default false. */
        public Builder optLowercase(boolean value) {
            this.lowercase = value;
            return this;
        }

        /**
         * Average only over the orders up to the highest one the hypotheses contain at all,
         * instead of always 4; sacreBLEU's {@code effective_order}, default false (use it for
         * sentence-level scores).
         */
        public Builder optEffectiveOrder(boolean value) {
            this.effectiveOrder = value;
            return this;
        }

        /** The highest n-gram order N; default 4. */
        public Builder optMaxOrder(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max n-gram order must be >= 1, got " + value);
            }
            this.maxOrder = value;
            return this;
        }

        public Bleu build() {
            return new Bleu(this);
        }
    }
}
