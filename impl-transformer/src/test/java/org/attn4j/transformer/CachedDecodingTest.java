package org.attn4j.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.generate.Search;
import org.junit.jupiter.api.Test;

/**
 * Greedy and beam search with the key/value cache ({@code Decoder.step} through
 * {@link EagerStepFunction}) pick the same tokens, with the same scores, as without it (the
 * decoder re-run over the whole prefix at every step, {@link UncachedStepFunction}).
 */
class CachedDecodingTest {
    private static final int V = 13;
    private static final int[][] SOURCES = {{5, 6, 7, 8, 9, 3}, {10, 4, 3}, {12, 11, 5, 3}, {7, 3}};

    private static Seq2SeqModel model() {
        Map<String, Object> common = Models.small(Map.of("d_model", 16, "heads", 4, "ffn_dim", 24));
        Seq2SeqModel m = Models.model(V, common, common, 11);
        // random weights choose EOS early; make it rarer so that hypotheses grow long enough to test the cache
        m.namedParameters().get("decoder.output.bias").data()[org.attn4j.api.text.Vocabulary.EOS] -= 2f;
        return m;
    }

    private static void sameResults(Search search) {
        Seq2SeqModel m = model();
        List<List<Hypothesis>> cached = search.search(new EagerStepFunction(m, V), SOURCES, false);
        List<List<Hypothesis>> uncached = search.search(new UncachedStepFunction(m, V), SOURCES, false);
        assertThat(cached).hasSameSizeAs(uncached);
        int tokens = 0;
        for (int b = 0; b < SOURCES.length; b++) {
            assertThat(cached.get(b)).hasSameSizeAs(uncached.get(b));
            for (int k = 0; k < cached.get(b).size(); k++) {
                Hypothesis c = cached.get(b).get(k);
                Hypothesis u = uncached.get(b).get(k);
                assertThat(c.tokens()).as("source %d hypothesis %d", b, k).containsExactly(u.tokens());
                assertThat(c.score()).isCloseTo(u.score(), within(1e-4));
                tokens += c.tokens().length;
            }
        }
        assertThat(tokens).as("the searches produced tokens to compare").isGreaterThan(SOURCES.length);
    }

    @Test
    void greedySearchPicksTheSameTokensWithAndWithoutTheCache() {
        sameResults(new GreedySearch(12));
    }

    @Test
    void beamSearchPicksTheSameTokensWithAndWithoutTheCache() {
        sameResults(BeamSearch.builder(3).optNBest(3).optMaxLength(10).build());
    }
}
