package org.example.attn4j.cosine;

import java.util.List;
import java.util.random.RandomGenerator;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.ScoredAttention;
import org.attn4j.api.nn.Init;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;

/**
 * Cosine-similarity attention, written as a third party would: against {@code attn4j-api} only.
 * {@code score(i, j) = t * cos(Wq q_i, k_j)} with a learned temperature t (Graves et al.'s
 * content addressing in the Neural Turing Machine uses the same form).
 *
 * <p>Dimensions: Dq query, Dk key, Dv value. Parameters: {@code Wq [Dk, Dq]}, {@code t [1]}.
 * Shapes: query {@code [B, Tq, Dq]}, key {@code [B, Tk, Dk]}, value {@code [B, Tk, Dv]};
 * context {@code [B, Tq, Dv]}, weights {@code [B, Tq, Tk]}. Masking, softmax and the weighted
 * sum come from {@link ScoredAttention}; only the score is written here.
 */
public final class CosineAttention extends ScoredAttention {
    public static final String NAME = "cosine";
    private static final float EPS = 1e-6f;

    private final Parameter wq;
    private final Parameter temperature;

    public CosineAttention(int queryDim, int keyDim, int valueDim, float initialTemperature, RandomGenerator rng) {
        super(NAME, queryDim, keyDim, valueDim);
        wq = addParameter("Wq", Init.uniform(new Parameter(keyDim, queryDim), (float) (1 / Math.sqrt(queryDim)), rng));
        temperature = addParameter("t", Init.constant(new Parameter(1), initialTemperature));
    }

    @Override
    protected Tensor score(Ops ops, AttentionInput in) {
        Tensor q = unit(ops, ops.linear(in.query(), ops.param(wq), null));
        Tensor k = unit(ops, in.key());
        return ops.mul(ops.matmul(q, ops.transpose(k, 0, 2, 1)), ops.param(temperature));
    }

    /** Each vector divided by its length (plus a small epsilon, so zero vectors stay finite). */
    private static Tensor unit(Ops ops, Tensor x) {
        Tensor norm = ops.sqrt(ops.add(ops.sum(ops.mul(x, x), true, -1), ops.scalar(EPS)));
        return ops.div(x, norm);
    }

    /** Registered in META-INF/services/org.attn4j.api.spi.AttentionProvider. */
    public static final class Provider implements AttentionProvider {
        private static final List<OptionSpec> OPTIONS = List.of(
                new OptionSpec("temperature", "float", "5.0", "initial value of the learned temperature t"));

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "cosine-similarity attention with a learned temperature (example third-party plugin)";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            Options o = spec.options().checkKeys(List.of("name", "temperature"));
            return new CosineAttention(spec.queryDim(), spec.keyDim(), spec.valueDim(),
                    (float) o.getDouble("temperature", 5.0), rng);
        }
    }
}
