package org.attn4j.attention;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attend;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.ScoredAttention;
import org.attn4j.api.nn.Init;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;

/**
 * Multiplicative attention (Luong, Pham and Manning 2015): {@code dot} scores
 * {@code q_i · k_j}, {@code general} scores {@code q_i W k_j}; with {@code scaled} the score is
 * divided by {@code sqrt(Dk)} (Vaswani et al. 2017).
 *
 * <p>Dimensions: Dq query, Dk key (equal for {@code dot}), Dv value. Parameter ({@code general}
 * only): {@code W [Dq, Dk]}. Shapes: query {@code [B, Tq, Dq]}, key {@code [B, Tk, Dk]}, value
 * {@code [B, Tk, Dv]}; context {@code [B, Tq, Dv]}, weights {@code [B, Tq, Tk]}.
 */
public final class MultiplicativeAttention extends ScoredAttention {
    public static final String NAME = "multiplicative";

    private final Parameter w;
    private final float scale;

    /** {@code general} is false for the parameter-free {@code dot} score. */
    public MultiplicativeAttention(int queryDim, int keyDim, int valueDim, boolean general, boolean scaled,
            RandomGenerator rng) {
        super(NAME, queryDim, keyDim, valueDim);
        if (!general && queryDim != keyDim) {
            throw new ConfigurationException(NAME + " (mode dot): query_dim " + queryDim + " differs from key_dim " + keyDim
                    + "; use mode general to learn a map between them");
        }
        w = general ? addParameter("W", Init.uniform(new Parameter(queryDim, keyDim), (float) (1 / Math.sqrt(keyDim)), rng))
                : null;
        scale = scaled ? (float) (1 / Math.sqrt(keyDim)) : 1f;
    }

    /** The keys transposed once, {@code [B, Dk, Tk]}. */
    @Override
    public Map<String, Tensor> prepare(Ops ops, Tensor key, Tensor value) {
        return Attend.prepareTransposedKeys(ops, key);
    }

    @Override
    protected Tensor score(Ops ops, AttentionInput in) {
        Tensor q = w == null ? in.query() : ops.matmul(in.query(), ops.param(w)); // [B, Tq, Dk]
        Tensor s = ops.matmul(q, Attend.transposedKeys(ops, in));
        return scale == 1f ? s : ops.scale(s, scale);
    }

    /** The provider registered in META-INF/services. */
    public static final class Provider implements AttentionProvider {
        private static final List<OptionSpec> OPTIONS = List.of(
                new OptionSpec("mode", "dot|general", "general", "dot: q.k; general: q W k"),
                new OptionSpec("scaled", "boolean", "false", "divide scores by sqrt(key_dim)"));

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Luong multiplicative attention: q.k (dot) or q W k (general), optionally scaled by 1/sqrt(d)";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            Options o = Settings.check(spec.options(), OPTIONS);
            String mode = o.getChoice("mode", "general", Set.of("dot", "general"));
            return new MultiplicativeAttention(spec.queryDim(), spec.keyDim(), spec.valueDim(), mode.equals("general"),
                    o.getBoolean("scaled", false), rng);
        }
    }
}
