package org.attn4j.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {
    private static final int[][] GARDEN = {{ToyModel.A, 7}};
    private static final int[][] REPEAT = {{9, 9, 9}};
    private static final int[][] ENDLESS = {{ToyModel.ENDLESS, 9, 9}};

    @Test
    void greedyTakesTheLocallyBestTokenAndStopsAtEos() {
        Hypothesis h = new GreedySearch(0).search(new ToyModel(), GARDEN, false).get(0).get(0);
        assertThat(h.tokens()).containsExactly(ToyModel.A);
        assertThat(h.finished()).isTrue();
        assertThat(h.logProb()).isCloseTo(Math.log(0.6 * 0.4), within(1e-5));
        assertThat(h.attention()).isNull();
    }

    @Test
    void beamSearchFindsTheSequenceGreedyMisses() {
        Hypothesis h = BeamSearch.builder(2).optLengthPenalty(0).build().search(new ToyModel(), GARDEN, false).get(0).get(0);
        assertThat(h.tokens()).containsExactly(ToyModel.B);
        assertThat(h.logProb()).isCloseTo(Math.log(0.4 * 0.95), within(1e-5));
    }

    @Test
    void aBeamOfOneIsGreedy() {
        Hypothesis beam = BeamSearch.builder(1).optLengthPenalty(0).build().search(new ToyModel(), GARDEN, false).get(0).get(0);
        assertThat(beam.tokens()).containsExactly(ToyModel.A);
    }

    @Test
    void nBestListsAreSortedByScore() {
        List<Hypothesis> n = BeamSearch.builder(3).optNBest(3).optLengthPenalty(0).build()
                .search(new ToyModel(), GARDEN, false).get(0);
        assertThat(n).hasSize(3);
        assertThat(n.get(0).tokens()).containsExactly(ToyModel.B);
        assertThat(n.get(1).tokens()).containsExactly(ToyModel.A);
        for (int i = 1; i < n.size(); i++) {
            assertThat(n.get(i).score()).isLessThanOrEqualTo(n.get(i - 1).score());
        }
    }

    @Test
    void theLengthPenaltyDividesByTheGnmtFactor() {
        Hypothesis h = BeamSearch.builder(2).optLengthPenalty(1.0).build().search(new ToyModel(), GARDEN, false).get(0).get(0);
        // "b" then EOS: two steps
        assertThat(h.score()).isCloseTo(h.logProb() / ((5 + 2) / 6.0), within(1e-9));
    }

    @Test
    void minLengthForbidsAnEarlyEos() {
        Hypothesis h = BeamSearch.builder(2).optMinLength(3).optLengthPenalty(0).build()
                .search(new ToyModel(), GARDEN, false).get(0).get(0);
        assertThat(h.tokens().length).isGreaterThanOrEqualTo(3);
    }

    @Test
    void greedyWithAMinimumLengthEqualToTheCapNeverPicksEos() {
        Hypothesis plain = new GreedySearch(6).search(new ToyModel(), REPEAT, false).get(0).get(0);
        assertThat(plain.tokens()).containsExactly(4, 4, 4, 4);
        assertThat(plain.finished()).isTrue();
        Hypothesis exact = new GreedySearch(6).withMinLength(6).search(new ToyModel(), REPEAT, false).get(0).get(0);
        assertThat(exact.tokens()).hasSize(6).doesNotContain(ToyModel.EOS, 0, 2);
        assertThat(exact.finished()).isFalse();
        // below the cap, EOS comes once allowed
        Hypothesis five = new GreedySearch(8).withMinLength(5).search(new ToyModel(), REPEAT, false).get(0).get(0);
        assertThat(five.tokens()).hasSize(5);
        assertThat(five.finished()).isTrue();
    }

    @Test
    void hfBeamWithAMinimumLengthMasksEosAfterTheNormalisation() {
        HfBeamSearch beam = new HfBeamSearch(2, 1.0, false, false, 1, 6);
        Hypothesis plain = beam.search(new ToyModel(), REPEAT, false).get(0).get(0);
        assertThat(plain.finished()).isTrue();
        Hypothesis exact = beam.withMinLength(6).search(new ToyModel(), REPEAT, false).get(0).get(0);
        assertThat(exact.tokens()).hasSize(6).doesNotContain(ToyModel.EOS);
        assertThat(exact.finished()).isFalse();
        // garden path, two tokens: after "a", EOS (0.4) is masked, not renormalised away: a a or a b at 0.6 * 0.3
        Hypothesis two = new HfBeamSearch(2, 1.0, false, false, 1, 2).withMinLength(2)
                .search(new ToyModel(), GARDEN, false).get(0).get(0);
        assertThat(two.tokens()).hasSize(2).startsWith(ToyModel.A);
        assertThat(two.logProb()).isCloseTo(Math.log(0.6 * 0.3), within(1e-5));
        assertThatThrownBy(() -> beam.withMinLength(-1)).hasMessageContaining("minLength must be >= 0");
        assertThatThrownBy(() -> new GreedySearch(0).withMinLength(-1)).hasMessageContaining("minLength must be >= 0");
    }

    @Test
    void theLengthCapEndsAnUnfinishedHypothesis() {
        Hypothesis greedy = new GreedySearch(3).search(new ToyModel(), ENDLESS, false).get(0).get(0);
        assertThat(greedy.tokens()).containsExactly(4, 4, 4);
        assertThat(greedy.finished()).isFalse();
        Hypothesis beam = BeamSearch.builder(2).optMaxLength(5).build().search(new ToyModel(), ENDLESS, false).get(0).get(0);
        assertThat(beam.tokens()).hasSize(5);
        assertThat(beam.finished()).isFalse();
        // default cap: 2 * source length + 10
        Hypothesis capped = new GreedySearch(0).search(new ToyModel(), ENDLESS, false).get(0).get(0);
        assertThat(capped.tokens()).hasSize(2 * 3 + 10);
    }

    @Test
    void batchesDecodeEachSourceAsAlone() {
        ToyModel model = new ToyModel();
        int[][] both = {GARDEN[0], REPEAT[0], GARDEN[0]};
        List<List<Hypothesis>> out = BeamSearch.builder(2).optLengthPenalty(0).optMaxLength(6).build().search(model, both, false);
        assertThat(out.get(0).get(0).tokens()).containsExactly(ToyModel.B);
        assertThat(out.get(2).get(0).tokens()).containsExactly(ToyModel.B);
        assertThat(out.get(1).get(0).tokens()).containsExactly(4, 4, 4, 4);
        assertThat(out.get(1).get(0).finished()).isTrue();
        // the garden-path sources finish after two steps and leave the batch: later reorders hold only the
        // two beams of the other
        assertThat(model.reorders.get(0)).hasSize(6);
        int[] last = model.reorders.get(model.reorders.size() - 1);
        assertThat(last).hasSize(2);
    }

    @Test
    void attentionFollowsTheHypothesisThroughReorders() {
        Hypothesis h = BeamSearch.builder(2).optLengthPenalty(0).build().search(new ToyModel(), GARDEN, true).get(0).get(0);
        assertThat(h.attention()).hasNumberOfRows(2); // "b" and EOS
        assertThat(h.attention()[0]).containsExactly(1, 0);
        assertThat(h.attention()[1]).containsExactly(0, 1);
    }

    @Test
    void samplingIsSeededAndRespectsTopKAndTopP() {
        SamplingSearch s = SamplingSearch.builder().optSeed(3).build();
        int[][] many = new int[400][];
        java.util.Arrays.fill(many, GARDEN[0]);
        List<List<Hypothesis>> a = s.search(new ToyModel(), many, false);
        List<List<Hypothesis>> b = s.search(new ToyModel(), many, false);
        int firstA = 0;
        for (int i = 0; i < many.length; i++) {
            assertThat(a.get(i).get(0).tokens()).containsExactly(b.get(i).get(0).tokens());
            firstA += a.get(i).get(0).tokens()[0] == ToyModel.A ? 1 : 0;
        }
        // the first token is "a" with probability 0.6
        assertThat(firstA / 400.0).isCloseTo(0.6, within(0.08));
        for (Hypothesis h : SamplingSearch.builder().optTopK(1).build().search(new ToyModel(), many, false).stream()
                .map(l -> l.get(0)).toList()) {
            assertThat(h.tokens()).containsExactly(ToyModel.A);
        }
        // top-p 0.35 leaves only "a" (0.6) at the first step and only EOS (0.4) at the second
        for (Hypothesis h : SamplingSearch.builder().optTopP(0.35).build().search(new ToyModel(), many, false).stream()
                .map(l -> l.get(0)).toList()) {
            assertThat(h.tokens()).containsExactly(ToyModel.A);
        }
    }

    @Test
    void aLowTemperatureSharpensTowardsGreedy() {
        int[][] many = new int[200][];
        java.util.Arrays.fill(many, GARDEN[0]);
        long firstA = SamplingSearch.builder().optTemperature(0.05).optSeed(1).build().search(new ToyModel(), many, false)
                .stream().filter(l -> l.get(0).tokens()[0] == ToyModel.A).count();
        assertThat(firstA).isEqualTo(200);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> BeamSearch.builder(0)).hasMessageContaining("beam size must be >= 1, got 0");
        assertThatThrownBy(() -> BeamSearch.builder(2).optNBest(3).build()).hasMessageContaining("n-best (3) cannot exceed the beam size (2)");
        assertThatThrownBy(() -> SamplingSearch.builder().optTopP(0)).hasMessageContaining("top-p must be in (0, 1]");
        assertThatThrownBy(() -> SamplingSearch.builder().optTemperature(-1)).hasMessageContaining("temperature must be > 0");
    }
}
