package org.attn4j.attention;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attend;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.nn.Init;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;

/**
 * Local attention (Luong, Pham and Manning 2015, section 3.2): each query attends to a window of
 * {@code 2D + 1} source positions around a centre {@code p_i}, with the {@code general} score
 * {@code q_i W k_j}.
 * <ul>
 *   <li>{@code local-m} (monotonic): {@code p_i} is the query's target position (from
 *       {@link AttentionInput#positions()}); weights are the softmax over the window's non-padding
 *       keys.</li>
 *   <li>{@code local-p} (predictive): {@code p_i = (S - 1) sigmoid(vp · tanh(Wp q_i))} with S the
 *       unpadded source length; {@code a} is the softmax over the window's non-padding keys and the
 *       weights are {@code a_ij exp(-(j - p_i)^2 / (2 sigma^2))}, {@code sigma = D / 2}, not
 *       renormalised: they sum to at most 1 (the documented exception to the attention contract).</li>
 * </ul>
 * Dimensions: Dq query, Dk key, Dv value, P predictor ({@code predictor_dim}). Parameters:
 * {@code W [Dq, Dk]}, and for local-p {@code Wp [P, Dq]}, {@code vp [P]}. Shapes: query
 * {@code [B, Tq, Dq]}, key {@code [B, Tk, Dk]}, value {@code [B, Tk, Dv]}; context
 * {@code [B, Tq, Dv]}, weights {@code [B, Tq, Tk]}. A window past the end of the source (local-m
 * at a late step) holds no key: that query's weights are all zero.
 */
public final class LocalAttention extends Attention {
    public static final String NAME = "local";

    private final boolean predictive;
    private final int window;
    private final int queryDim;
    private final int keyDim;
    private final int valueDim;
    private final Parameter w;
    private final Parameter wp;
    private final Parameter vp;

    public LocalAttention(int queryDim, int keyDim, int valueDim, boolean predictive, int window, int predictorDim,
            RandomGenerator rng) {
        this.predictive = predictive;
        this.window = window;
        this.queryDim = queryDim;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        w = addParameter("W", Init.uniform(new Parameter(queryDim, keyDim), (float) (1 / Math.sqrt(keyDim)), rng));
        if (predictive) {
            wp = addParameter("Wp", Init.uniform(new Parameter(predictorDim, queryDim), (float) (1 / Math.sqrt(queryDim)), rng));
            vp = addParameter("vp", Init.uniform(new Parameter(predictorDim), (float) (1 / Math.sqrt(predictorDim)), rng));
        } else {
            wp = null;
            vp = null;
        }
    }

    /** The keys transposed once, {@code [B, Dk, Tk]}. */
    @Override
    public Map<String, Tensor> prepare(Ops ops, Tensor key, Tensor value) {
        return Attend.prepareTransposedKeys(ops, key);
    }

    @Override
    public AttentionOutput forward(Ops ops, AttentionInput in, boolean returnWeights) {
        Attend.checkInputs(predictive ? "local (local-p)" : "local (local-m)", in, queryDim, keyDim, valueDim);
        Tensor q = in.query();
        Tensor scores = ops.matmul(ops.matmul(q, ops.param(w)), Attend.transposedKeys(ops, in)); // [B, Tq, Tk]
        Tensor mask = in.mask() == null ? null : Attend.expandMask(ops, in.mask(), 3);
        Tensor centre = predictive ? predictedCentre(ops, q, in.key(), mask) : monotonicCentre(ops, in);
        Tensor keys = ops.toFloat(ops.range(in.key(), 1)); // [Tk]
        Tensor dist = ops.sub(keys, centre); // [B, Tq, Tk] or [Tq, Tk]
        Tensor sq = ops.mul(dist, dist);
        Tensor inWindow = ops.lessOrEqual(sq, ops.scalar((float) window * window));
        if (inWindow.rank() == 2) {
            inWindow = ops.unsqueeze(inWindow, 0); // local-m: [1, Tq, Tk], the same window for every row
        }
        Tensor allowed = mask == null ? inWindow : ops.mul(mask, inWindow);
        Tensor weights = Attend.weights(ops, scores, allowed);
        if (predictive) {
            // sigma = D / 2, so 2 sigma^2 = D^2 / 2
            weights = ops.mul(weights, ops.exp(ops.scale(sq, -2f / (window * (float) window))));
        }
        return new AttentionOutput(Attend.context(ops, weights, in.value()), returnWeights ? weights : null);
    }

    /** {@code (S - 1) sigmoid(vp · tanh(Wp q))} as {@code [B, Tq, 1]}. */
    private Tensor predictedCentre(Ops ops, Tensor q, Tensor key, Tensor mask) {
        Tensor h = ops.tanh(ops.linear(q, ops.param(wp), null));
        Tensor g = ops.sigmoid(ops.linear(h, ops.reshape(ops.param(vp), 1, -1), null)); // [B, Tq, 1]
        Tensor length = mask != null ? ops.sum(mask, true, -1) // [B, 1 or Tq, 1]
                : ops.toFloat(ops.slice(ops.shapeOf(key), 0, 1, 2)); // [1]: every key is real
        return ops.mul(ops.sub(length, ops.scalar(1f)), g);
    }

    /** The queries' own positions as {@code [Tq, 1]}. */
    private static Tensor monotonicCentre(Ops ops, AttentionInput in) {
        Tensor pos = in.positions() != null ? in.positions() : ops.range(in.query(), 1);
        return ops.unsqueeze(ops.toFloat(pos), 1);
    }

    @Override
    public int outputDim() {
        return valueDim;
    }

    public boolean predictive() {
        return predictive;
    }

    public int window() {
        return window;
    }

    /** The provider registered in META-INF/services. */
    public static final class Provider implements AttentionProvider {
        private static final List<OptionSpec> OPTIONS = List.of(
                new OptionSpec("mode", "local-p|local-m", "local-p", "predicted or monotonic window centre"),
                new OptionSpec("window", "int", "10", "half-width D of the window (2D+1 positions), > 0"),
                new OptionSpec("predictor_dim", "int", "query dimension", "hidden size of the local-p centre predictor"));

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Luong local attention: general score in a window of 2D+1 positions around a predicted (local-p)"
                    + " or monotonic (local-m) centre";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            Options o = Settings.check(spec.options(), OPTIONS);
            String mode = o.getChoice("mode", "local-p", Set.of("local-p", "local-m"));
            int window = Settings.positive(o, NAME, "window", o.getInt("window", 10));
            int predictor = Settings.positive(o, NAME, "predictor_dim", o.getInt("predictor_dim", spec.queryDim()));
            return new LocalAttention(spec.queryDim(), spec.keyDim(), spec.valueDim(), mode.equals("local-p"), window,
                    predictor, rng);
        }
    }
}
