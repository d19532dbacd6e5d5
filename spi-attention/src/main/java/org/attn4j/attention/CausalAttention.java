package org.attn4j.attention;

import java.util.List;
import java.util.random.RandomGenerator;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.model.Attention;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;

/**
 * Causal multi-head self-attention: {@link MultiHeadAttention} in which query position i attends
 * only to key positions j <= i (and to no padding), the decoder self-attention of a Transformer.
 * Shapes and parameters as for {@link MultiHeadAttention}. The queries may be fewer than the
 * keys ({@code Tq <= Tk}): they are then the last Tq positions, and query i attends keys
 * {@code j <= i + (Tk - Tq)}. That is incremental decoding: one new query against the keys of
 * every position so far, whose projections {@link MultiHeadAttention#prepare} returns in a form
 * a decoder can cache and append to.
 */
public final class CausalAttention {
    public static final String NAME = "causal";

    private CausalAttention() {
    }

    /** The provider registered in META-INF/services. */
    public static final class Provider implements AttentionProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "causal multi-head self-attention: position i attends to positions j <= i";
        }

        @Override
        public List<OptionSpec> options() {
            return MultiHeadAttention.OPTIONS;
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            return MultiHeadAttention.build(NAME, spec, true, rng);
        }
    }
}
