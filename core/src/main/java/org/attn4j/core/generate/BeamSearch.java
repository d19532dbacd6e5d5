package org.attn4j.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.attn4j.api.text.Vocabulary;

/**
 * Beam search with a length penalty, n-best lists and length limits.
 *
 * <p>Each source keeps {@code beamSize} open hypotheses. A step scores every continuation of
 * every open hypothesis by its total log-probability, takes the best {@code 2 * beamSize}: those
 * ending with EOS become finished hypotheses, the best {@code beamSize} others stay open. A source
 * is done when it has {@code beamSize} finished hypotheses or reaches its length cap (its open
 * hypotheses then count as unfinished results). Finished sources leave the batch (the state is
 * reordered without their rows). Hypotheses are ranked by {@code logProb / lp} with the GNMT
 * length penalty {@code lp = ((5 + length) / 6)^alpha} (Wu et al. 2016), length counting EOS;
 * alpha 0 ranks by raw log-probability. EOS is forbidden before {@code minLength} tokens.
 */
public final class BeamSearch implements Search {
    private final int beamSize;
    private final double alpha;
    private final int nBest;
    private final int minLength;
    private final int maxLength;

    private BeamSearch(Builder b) {
        if (b.nBest > b.beamSize) {
            throw new IllegalArgumentException("n-best (" + b.nBest + ") cannot exceed the beam size (" + b.beamSize + ")");
        }
        this.beamSize = b.beamSize;
        this.alpha = b.alpha;
        this.nBest = b.nBest;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
    }

    /** A beam of the given size; every other setting optional. */
    public static Builder builder(int beamSize) {
        return new Builder(beamSize);
    }

    /** Settings: the beam size is required, the rest optional. */
    public static final class Builder {
        private final int beamSize;
        private double alpha = 0.6;
        private int nBest = 1;
        private int minLength;
        private int maxLength;

        private Builder(int beamSize) {
            if (beamSize < 1) {
                throw new IllegalArgumentException("beam size must be >= 1, got " + beamSize);
            }
            this.beamSize = beamSize;
        }

        /** The exponent of the GNMT length penalty, >= 0; default 0.6. */
        public Builder optLengthPenalty(double a) {
            if (!(a >= 0)) {
                throw new IllegalArgumentException("length penalty must be >= 0, got " + a);
            }
            alpha = a;
            return this;
        }

        /** How many hypotheses to return per source, 1..beamSize; default 1. */
        public Builder optNBest(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n-best must be >= 1, got " + n);
            }
            nBest = n;
            return this;
        }

        /** Tokens before EOS is allowed; default 0. */
        public Builder optMinLength(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("minLength must be >= 0, got " + n);
            }
            minLength = n;
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

        public BeamSearch build() {
            return new BeamSearch(this);
        }
    }

    private double rank(double logProb, int length) {
        return alpha == 0 ? logProb : logProb / Math.pow((5.0 + length) / 6.0, alpha);
    }

    /** A continuation: row r of the current batch extended with token v. */
    record Candidate(int row, int token, double logProb) {
    }

    @Override
    public <S> List<List<Hypothesis>> search(StepFunction<S> model, int[][] sources, boolean withAttention) {
        int n = sources.length;
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            finished.add(new ArrayList<>());
        }
        // the batch: row i belongs to source rowSource[i] and carries traces[i]
        S state = model.encode(sources);
        int[] rowSource = new int[n];
        Trace[] traces = new Trace[n];
        int[] previous = new int[n];
        for (int b = 0; b < n; b++) {
            rowSource[b] = b;
            traces[b] = Trace.root();
            previous[b] = Vocabulary.BOS;
        }
        int step = 0;
        while (rowSource.length > 0) {
            StepScores<S> scores = model.step(state, previous, withAttention);
            int v = scores.vocabulary();
            float[] lp = scores.logits();
            for (int r = 0; r < rowSource.length; r++) {
                LogSoftmax.banNonOutputs(lp, r, v);
                LogSoftmax.row(lp, r, v);
                if (step < minLength) {
                    lp[r * v + Vocabulary.EOS] = Float.NEGATIVE_INFINITY;
                }
            }
            List<Integer> nextRows = new ArrayList<>();
            List<Trace> nextTraces = new ArrayList<>();
            int r0 = 0;
            while (r0 < rowSource.length) {
                int b = rowSource[r0];
                int r1 = r0;
                while (r1 < rowSource.length && rowSource[r1] == b) {
                    r1++;
                }
                int cap = Search.maxSteps(maxLength, sources[b].length);
                List<Trace> open = new ArrayList<>();
                List<Integer> parents = new ArrayList<>();
                for (Candidate c : best(lp, v, traces, r0, r1, 2 * beamSize)) {
                    Trace t = traces[c.row].extend(c.token, lp[c.row * v + c.token],
                            LogSoftmax.copyRow(scores.attention(), c.row, scores.sourceLength()));
                    if (c.token == Vocabulary.EOS) {
                        finished.get(b).add(t.toHypothesis(true, rank(t.logProb, t.length), withAttention));
                    } else if (open.size() < beamSize) {
                        open.add(t);
                        parents.add(c.row);
                    }
                    if (finished.get(b).size() >= beamSize) {
                        break;
                    }
                }
                boolean done = finished.get(b).size() >= beamSize || open.isEmpty() || open.get(0).length >= cap;
                if (done) {
                    if (finished.get(b).size() < nBest) {
                        for (Trace t : open) {
                            finished.get(b).add(t.toHypothesis(false, rank(t.logProb, t.length), withAttention));
                        }
                    }
                } else {
                    nextRows.addAll(parents);
                    nextTraces.addAll(open);
                }
                r0 = r1;
            }
            if (nextRows.isEmpty()) {
                break;
            }
            int[] rows = nextRows.stream().mapToInt(Integer::intValue).toArray();
            int[] nextSource = new int[rows.length];
            previous = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                nextSource[i] = rowSource[rows[i]];
                previous[i] = nextTraces.get(i).token;
            }
            state = model.reorder(scores.state(), rows);
            rowSource = nextSource;
            traces = nextTraces.toArray(new Trace[0]);
            step++;
        }
        List<List<Hypothesis>> out = new ArrayList<>(n);
        for (List<Hypothesis> f : finished) {
            f.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            out.add(List.copyOf(f.subList(0, Math.min(nBest, f.size()))));
        }
        return out;
    }

    /** The k best continuations of rows [r0, r1), best first, by total log-probability; also HfBeamSearch's. */
    static List<Candidate> best(float[] lp, int v, Trace[] traces, int r0, int r1, int k) {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(k + 1, Comparator.comparingDouble(Candidate::logProb));
        for (int r = r0; r < r1; r++) {
            double base = traces[r].logProb;
            for (int j = 0; j < v; j++) {
                float x = lp[r * v + j];
                if (x == Float.NEGATIVE_INFINITY) {
                    continue;
                }
                double total = base + x;
                if (heap.size() < k) {
                    heap.add(new Candidate(r, j, total));
                } else if (total > heap.peek().logProb) {
                    heap.poll();
                    heap.add(new Candidate(r, j, total));
                }
            }
        }
        Candidate[] out = heap.toArray(new Candidate[0]);
        Arrays.sort(out, Comparator.comparingDouble(Candidate::logProb).reversed());
        return List.of(out);
    }
}
