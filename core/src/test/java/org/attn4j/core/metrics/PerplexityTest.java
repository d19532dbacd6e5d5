package org.attn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerplexityTest {

    @Test
    void uniformGuessOverVTokensHasPerplexityV() {
        assertThat(Perplexity.fromMeanLoss(Math.log(1000))).isCloseTo(1000, within(1e-9));
        assertThat(Perplexity.fromMeanLoss(0)).isEqualTo(1.0);
        // 3 tokens with losses summing to 3 ln 2: mean ln 2, perplexity 2.
        assertThat(Perplexity.fromTotalLoss(3 * Math.log(2), 3)).isCloseTo(2.0, within(1e-12));
        assertThat(Perplexity.fromMeanLoss(1000)).isInfinite();
    }

    @Test
    void rejectsImpossibleLosses() {
        assertThatThrownBy(() -> Perplexity.fromMeanLoss(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -0.1");
        assertThatThrownBy(() -> Perplexity.fromMeanLoss(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Perplexity.fromTotalLoss(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one token");
    }
}
