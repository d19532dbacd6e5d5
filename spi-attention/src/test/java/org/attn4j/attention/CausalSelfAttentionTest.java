package org.attn4j.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

class CausalSelfAttentionTest extends AttentionContractTest {
    private static final int D = 6;
    private static final int T = 5;

    @Override
    protected String providerName() {
        return "causal";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("heads", 2);
    }

    @Override
    protected boolean selfAttention() {
        return true;
    }

    @Override
    protected boolean causal() {
        return true;
    }

    private static float[] floats(Tensor t) {
        return ((EagerTensor) t).floats();
    }

    /**
     * Incremental decoding: the last Tq positions as queries against all Tk keys give the same
     * context rows and weights as the whole sequence; with Tq = 1 and the keys/values prepared one
     * position at a time and appended on axis -2 (a key/value cache), too.
     */
    @Test
    void fewerQueriesThanKeysAreTheLastPositionsOfTheSequence() {
        Attention a = create(3);
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        Tensor x = ops.constant(GradCheck.random(21, B * T * D), B, T, D);
        AttentionOutput whole = a.forward(ops, AttentionInput.self(x, null), true);
        float[] ctx = floats(whole.context());
        float[] w = floats(whole.weights()); // [B, H, T, T]
        int heads = 2;
        for (int tq = 1; tq <= T; tq++) {
            Tensor q = ops.slice(x, 1, T - tq, T);
            AttentionOutput part = a.forward(ops, new AttentionInput(q, x, x, null), true);
            float[] pc = floats(part.context());
            float[] pw = floats(part.weights());
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < tq; i++) {
                    int row = T - tq + i;
                    for (int d = 0; d < D; d++) {
                        assertThat(pc[(b * tq + i) * D + d]).as("Tq %d row %d", tq, row)
                                .isCloseTo(ctx[(b * T + row) * D + d], within(1e-6f));
                    }
                    for (int h = 0; h < heads; h++) {
                        for (int j = 0; j < T; j++) {
                            float expected = w[((b * heads + h) * T + row) * T + j];
                            assertThat(pw[((b * heads + h) * tq + i) * T + j]).isCloseTo(expected, within(1e-6f));
                            if (j > row) {
                                assertThat(expected).as("query %d sees key %d", row, j).isZero();
                            }
                        }
                    }
                }
            }
        }
        Map<String, Tensor> cache = new LinkedHashMap<>();
        for (int t = 0; t < T; t++) {
            Tensor step = ops.slice(x, 1, t, t + 1);
            for (Map.Entry<String, Tensor> e : a.prepare(ops, step, step).entrySet()) {
                Tensor before = cache.get(e.getKey());
                assertThat(e.getValue().dim(-2)).as("prepared %s has the key position on axis -2", e.getKey()).isEqualTo(1);
                cache.put(e.getKey(), before == null ? e.getValue() : ops.concat(-2, before, e.getValue()));
            }
            Tensor prefix = ops.slice(x, 1, 0, t + 1);
            float[] pc = floats(a.forward(ops, new AttentionInput(step, prefix, prefix, null).withPrepared(cache), false)
                    .context());
            for (int b = 0; b < B; b++) {
                for (int d = 0; d < D; d++) {
                    assertThat(pc[b * D + d]).as("cached step %d", t).isCloseTo(ctx[(b * T + t) * D + d], within(1e-5f));
                }
            }
        }
    }

    @Test
    void dropoutOnTheWeightsActsOnlyInTraining() {
        Attention a = provider().create(spec(Map.of("heads", 2, "dropout", 0.5)), new SplittableRandom(4));
        Attention plain = create(4);
        float[] x = GradCheck.random(5, B * T * D);
        EagerOps eval = new EagerOps(new SplittableRandom(1));
        Tensor xe = eval.constant(x, B, T, D);
        assertThat(floats(a.forward(eval, AttentionInput.self(xe, null), false).context()))
                .containsExactly(floats(plain.forward(eval, AttentionInput.self(xe, null), false).context()));
        EagerOps train = new EagerOps(new SplittableRandom(1)).training(true);
        Tensor xt = train.constant(x, B, T, D);
        AttentionOutput dropped = a.forward(train, AttentionInput.self(xt, null), true);
        assertThat(floats(dropped.context())).isNotEqualTo(floats(plain.forward(eval, AttentionInput.self(xe, null), false)
                .context()));
        assertThat(floats(dropped.weights())).containsExactly(floats(plain.forward(eval, AttentionInput.self(xe, null), true)
                .weights()));
    }
}
