package org.attn4j.attention;

import java.util.List;
import java.util.Map;
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
 * Additive attention (Bahdanau, Cho and Bengio 2015):
 * {@code score(i, j) = va · tanh(Wq q_i + Wk k_j + b)}.
 *
 * <p>Dimensions: Dq query, Dk key, Dv value, A attention ({@code dim}). Parameters:
 * {@code Wq [A, Dq]}, {@code Wk [A, Dk]}, {@code b [A]}, {@code va [A]}. Shapes: query
 * {@code [B, Tq, Dq]}, key {@code [B, Tk, Dk]}, value {@code [B, Tk, Dv]}; context
 * {@code [B, Tq, Dv]}, weights {@code [B, Tq, Tk]}. The score materialises
 * {@code [B, Tq, Tk, A]}, fine for the query lengths of step-wise decoding.
 */
public final class AdditiveAttention extends ScoredAttention {
    public static final String NAME = "additive";
    private static final String PROJECTED_KEY = "key";

    private final Parameter wq;
    private final Parameter wk;
    private final Parameter b;
    private final Parameter va;

    public AdditiveAttention(int queryDim, int keyDim, int valueDim, int dim, RandomGenerator rng) {
        super(NAME, queryDim, keyDim, valueDim);
        wq = addParameter("Wq", Init.uniform(new Parameter(dim, queryDim), (float) (1 / Math.sqrt(queryDim)), rng));
        wk = addParameter("Wk", Init.uniform(new Parameter(dim, keyDim), (float) (1 / Math.sqrt(keyDim)), rng));
        b = addParameter("b", new Parameter(dim));
        va = addParameter("va", Init.uniform(new Parameter(dim), (float) (1 / Math.sqrt(dim)), rng));
    }

    /** The projected keys {@code Wk k} {@code [B, Tk, A]}, under the name {@code key}. */
    @Override
    public Map<String, Tensor> prepare(Ops ops, Tensor key, Tensor value) {
        return Map.of(PROJECTED_KEY, ops.linear(key, ops.param(wk), null));
    }

    @Override
    protected Tensor score(Ops ops, AttentionInput in) {
        Tensor q = ops.unsqueeze(ops.linear(in.query(), ops.param(wq), ops.param(b)), 2); // [B, Tq, 1, A]
        Tensor projected = in.prepared().get(PROJECTED_KEY);
        Tensor k = ops.unsqueeze(projected != null ? projected : ops.linear(in.key(), ops.param(wk), null), 1); // [B, 1, Tk, A]
        Tensor e = ops.tanh(ops.add(q, k)); // [B, Tq, Tk, A]
        return ops.squeeze(ops.linear(e, ops.reshape(ops.param(va), 1, -1), null), -1);
    }

    /** The provider registered in META-INF/services. */
    public static final class Provider implements AttentionProvider {
        private static final List<OptionSpec> OPTIONS = List.of(
                new OptionSpec("dim", "int", "query dimension", "size A of the hidden layer of the score"));

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Bahdanau additive attention: va . tanh(Wq q + Wk k + b)";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            Options o = Settings.check(spec.options(), OPTIONS);
            int dim = Settings.positive(o, NAME, "dim", o.getInt("dim", spec.queryDim()));
            return new AdditiveAttention(spec.queryDim(), spec.keyDim(), spec.valueDim(), dim, rng);
        }
    }
}
