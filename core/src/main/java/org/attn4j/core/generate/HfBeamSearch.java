package org.attn4j.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.attn4j.api.text.Vocabulary;

/**
 * Beam search under the rules of Hugging Face's {@code generate()} (transformers 4.x
 * {@code BeamSearchScorer}), so that a model imported from a Hugging Face checkpoint gives the
 * outputs its users know, token for token.
 *
 * <p>The rules, where they differ from {@link BeamSearch}:
 * <ul>
 *   <li>A step's log-probabilities are normalised over every token but {@code <s>} (which an
 *       imported model only has as a copy of its decoder-start row), then {@code <pad>} is set
 *       to minus infinity (the {@code bad_words_ids} of Marian checkpoints), without
 *       renormalising.</li>
 *   <li>Of the {@code 2 * beam} best continuations of a source, an EOS ranked below the
 *       {@code beam} best is dropped; the others become finished hypotheses scored
 *       {@code logProb / length^lengthPenalty}, length counting the generated tokens with EOS,
 *       and only the {@code beam} best finished are kept.</li>
 *   <li>A source is done once it has {@code beam} finished and either early stopping is on, or
 *       the best continuation's {@code logProb / length^lengthPenalty} cannot beat the worst
 *       finished one; otherwise it runs to the length cap, where its open hypotheses join the
 *       finished ones under the same rule.</li>
 *   <li>With {@code forceEos}, the last step at the cap allows EOS only, at no cost (Hugging
 *       Face's {@code forced_eos_token_id}).</li>
 *   <li>With a minimum length ({@link #withMinLength}), EOS is set to minus infinity after the
 *       normalisation while fewer tokens have been generated (Hugging Face's
 *       {@code min_new_tokens}).</li>
 * </ul>
 */
public final class HfBeamSearch implements Search {
    private final int beamSize;
    private final double lengthPenalty;
    private final boolean earlyStopping;
    private final boolean forceEos;
    private final int nBest;
    private final int maxLength;
    private final int minLength;

    /**
     * @param beamSize      hypotheses kept open per source, >= 1
     * @param lengthPenalty the exponent of the length in the finished score (Hugging Face's
     *                      default 1.0)
     * @param earlyStopping stop a source as soon as it has {@code beamSize} finished hypotheses
     * @param forceEos      end with EOS at the length cap
     * @param nBest         hypotheses returned per source, 1..beamSize
     * @param maxLength     the cap in generated tokens (EOS included); 0 for {@code 2 * source length + 10}
     */
    public HfBeamSearch(int beamSize, double lengthPenalty, boolean earlyStopping, boolean forceEos, int nBest,
            int maxLength) {
        this(beamSize, lengthPenalty, earlyStopping, forceEos, nBest, maxLength, 0);
    }

    private HfBeamSearch(int beamSize, double lengthPenalty, boolean earlyStopping, boolean forceEos, int nBest,
            int maxLength, int minLength) {
        if (beamSize < 1) {
            throw new IllegalArgumentException("beam size must be >= 1, got " + beamSize);
        }
        if (nBest < 1 || nBest > beamSize) {
            throw new IllegalArgumentException("n-best must be in [1, beam size " + beamSize + "], got " + nBest);
        }
        if (!Double.isFinite(lengthPenalty)) {
            throw new IllegalArgumentException("length penalty must be finite, got " + lengthPenalty);
        }
        if (maxLength < 0 || minLength < 0) {
            throw new IllegalArgumentException("maxLength and minLength must be >= 0, got " + maxLength + " and "
                    + minLength);
        }
        this.beamSize = beamSize;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.forceEos = forceEos;
        this.nBest = nBest;
        this.maxLength = maxLength;
        this.minLength = minLength;
    }

    /**
     * This search, except that EOS is never chosen before {@code minLength} generated tokens.
     * With {@code minLength} equal to the cap and {@code forceEos} off, every hypothesis runs to
     * the cap and the best is the one of highest log-probability.
     *
     * @throws IllegalArgumentException if {@code minLength < 0}
     */
    public HfBeamSearch withMinLength(int minLength) {
        return new HfBeamSearch(beamSize, lengthPenalty, earlyStopping, forceEos, nBest, maxLength, minLength);
    }

    private double score(double logProb, int length) {
        return logProb / Math.pow(length, lengthPenalty);
    }

    /** The finished hypotheses of one source: the best {@code beamSize}, with the worst score kept. */
    private final class Finished {
        final List<Hypothesis> kept = new ArrayList<>();
        double worst = 1e9;

        void add(Hypothesis h) {
            if (kept.size() < beamSize || h.score() > worst) {
                kept.add(h);
                if (kept.size() > beamSize) {
                    int at = 0;
                    for (int i = 1; i < kept.size(); i++) {
                        if (kept.get(i).score() < kept.get(at).score()) {
                            at = i;
                        }
                    }
                    kept.remove(at);
                    worst = kept.stream().mapToDouble(Hypothesis::score).min().orElseThrow();
                } else {
                    worst = Math.min(worst, h.score());
                }
            }
        }
    }

    @Override
    public <S> List<List<Hypothesis>> search(StepFunction<S> model, int[][] sources, boolean withAttention) {
        int n = sources.length;
        List<Finished> finished = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            finished.add(new Finished());
        }
        S state = model.encode(sources);
        int[] rowSource = new int[n];
        Trace[] traces = new Trace[n];
        int[] previous = new int[n];
        for (int b = 0; b < n; b++) {
            rowSource[b] = b;
            traces[b] = Trace.root();
            previous[b] = Vocabulary.BOS;
        }
        while (rowSource.length > 0) {
            StepScores<S> scores = model.step(state, previous, withAttention);
            int v = scores.vocabulary();
            float[] lp = scores.logits();
            for (int r = 0; r < rowSource.length; r++) {
                if (v > Vocabulary.BOS) {
                    lp[r * v + Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
                }
                LogSoftmax.row(lp, r, v);
                lp[r * v + Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
                if (traces[r].length < minLength) {
                    lp[r * v + Vocabulary.EOS] = Float.NEGATIVE_INFINITY;
                }
                int cap = Search.maxSteps(maxLength, sources[rowSource[r]].length);
                if (forceEos && traces[r].length + 1 >= cap) {
                    Arrays.fill(lp, r * v, (r + 1) * v, Float.NEGATIVE_INFINITY);
                    lp[r * v + Vocabulary.EOS] = 0;
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
                Finished done = finished.get(b);
                List<Trace> open = new ArrayList<>();
                List<Integer> parents = new ArrayList<>();
                List<BeamSearch.Candidate> best = BeamSearch.best(lp, v, traces, r0, r1, 2 * beamSize);
                for (int rank = 0; rank < best.size() && open.size() < beamSize; rank++) {
                    BeamSearch.Candidate c = best.get(rank);
                    Trace t = traces[c.row()].extend(c.token(), lp[c.row() * v + c.token()],
                            LogSoftmax.copyRow(scores.attention(), c.row(), scores.sourceLength()));
                    if (c.token() == Vocabulary.EOS) {
                        if (rank < beamSize) {
                            done.add(t.toHypothesis(true, score(t.logProb, t.length), withAttention));
                        }
                    } else {
                        open.add(t);
                        parents.add(c.row());
                    }
                }
                int length = traces[r0].length + 1; // generated tokens after this step
                boolean settled = done.kept.size() >= beamSize
                        && (earlyStopping || best.isEmpty() || done.worst >= score(best.get(0).logProb(), length));
                boolean stop = settled || open.isEmpty() || length >= cap;
                if (stop) {
                    if (!settled) { // at the cap: the open hypotheses compete with the finished ones
                        for (Trace t : open) {
                            if (t.logProb > Double.NEGATIVE_INFINITY) {
                                done.add(t.toHypothesis(false, score(t.logProb, t.length), withAttention));
                            }
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
        }
        List<List<Hypothesis>> out = new ArrayList<>(n);
        for (Finished f : finished) {
            List<Hypothesis> sorted = new ArrayList<>(f.kept);
            sorted.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            out.add(List.copyOf(sorted.subList(0, Math.min(nBest, sorted.size()))));
        }
        return out;
    }
}
