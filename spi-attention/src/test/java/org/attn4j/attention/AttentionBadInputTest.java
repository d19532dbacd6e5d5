package org.attn4j.attention;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.core.engine.EagerOps;
import org.junit.jupiter.api.Test;

/** Bad settings and bad tensors: each error names the variant, the argument and the shapes. */
class AttentionBadInputTest {
    private final AttentionProviderLookup lookup = new AttentionProviderLookup();
    private final EagerOps ops = new EagerOps(new SplittableRandom(1));

    private Attention create(String name, int q, int k, int v, Map<String, ?> options) {
        return lookup.find(name).create(new AttentionSpec(q, k, v, Options.of("model.decoder.attention", options)),
                new SplittableRandom(1));
    }

    private Tensor zeros(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return ops.constant(new float[n], shape);
    }

    @Test
    void headsThatDoNotDivideTheDimension() {
        assertThatThrownBy(() -> create("multi-head", 10, 10, 10, Map.of("heads", 3)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("multi-head: heads (3) must be positive and divide dim (10)");
        assertThatThrownBy(() -> create("causal", 8, 8, 8, Map.of("heads", 0)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("causal: 'model.decoder.attention.heads' must be positive, got 0");
    }

    @Test
    void aWindowOfZeroOrLess() {
        assertThatThrownBy(() -> create("local", 4, 4, 4, Map.of("window", 0)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("local: 'model.decoder.attention.window' must be positive, got 0");
        assertThatThrownBy(() -> create("local", 4, 4, 4, Map.of("window", -3)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be positive, got -3");
    }

    @Test
    void unknownModes() {
        assertThatThrownBy(() -> create("multiplicative", 4, 4, 4, Map.of("mode", "concat")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'model.decoder.attention.mode' is 'concat'; valid values: [dot, general]");
        assertThatThrownBy(() -> create("local", 4, 4, 4, Map.of("mode", "local-x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("valid values: [local-m, local-p]");
    }

    @Test
    void dotNeedsEqualQueryAndKeySizes() {
        assertThatThrownBy(() -> create("multiplicative", 4, 6, 4, Map.of("mode", "dot")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("multiplicative (mode dot): query_dim 4 differs from key_dim 6");
    }

    @Test
    void valueLengthDiffersFromKeyLength() {
        Attention a = create("additive", 4, 4, 3, Map.of());
        assertThatThrownBy(() -> a.forward(ops, new AttentionInput(zeros(2, 1, 4), zeros(2, 5, 4), zeros(2, 6, 3), null), false))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("additive: value length differs from key length: key [2, 5, 4], value [2, 6, 3]");
    }

    @Test
    void keyOfTheWrongSize() {
        Attention a = create("multi-head", 8, 8, 8, Map.of("heads", 2));
        assertThatThrownBy(() -> a.forward(ops, new AttentionInput(zeros(2, 1, 8), zeros(2, 5, 7), zeros(2, 5, 8), null), false))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("multi-head: key has shape [2, 5, 7]; its last dimension must be 8 (key_dim)");
    }

    @Test
    void batchSizesDiffer() {
        Attention a = create("multiplicative", 4, 4, 4, Map.of("mode", "dot"));
        assertThatThrownBy(() -> a.forward(ops, new AttentionInput(zeros(3, 1, 4), zeros(2, 5, 4), zeros(2, 5, 4), null), false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("multiplicative: batch sizes differ: query [3, 1, 4]");
    }

    @Test
    void causalNeedsNoMoreQueriesThanKeys() {
        Attention a = create("causal", 4, 4, 4, Map.of("heads", 2));
        assertThatThrownBy(() -> a.forward(ops, new AttentionInput(zeros(1, 3, 4), zeros(1, 2, 4), zeros(1, 2, 4), null), false))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("causal: causal attention needs at most as many queries as keys");
    }
}
