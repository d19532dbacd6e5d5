package org.attn4j.attention;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.Ops;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attend;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.nn.Linear;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017), for self- or cross-attention,
 * optionally causal.
 *
 * <p>{@code Q = q Wq^T + bq}, {@code K = k Wk^T + bk}, {@code V = v Wv^T + bv}, each split into H
 * heads of {@code Dh = D / H}; per head {@code w = softmax(Q K^T / sqrt(Dh))} over the keys the
 * mask allows; {@code out = concat_heads(dropout(w) V) Wo^T + bo}. Dropout on the weights (option
 * {@code dropout}, default 0) acts only in training; the weights returned are those before it.
 *
 * <p>Causal: the Tq queries are the last Tq positions of the Tk keys' sequence, so query i
 * attends key j only when {@code j <= i + (Tk - Tq)}. With {@code Tq == Tk} that is the usual
 * {@code j <= i}; with one query and Tk cached keys (incremental decoding) every key is allowed.
 * The mask is built from the run-time lengths ({@code Ops.range}, {@code Ops.shapeOf}), never
 * from Java ints, so an exported graph takes any lengths. {@code Tq > Tk} is rejected.
 *
 * <p>Dimensions: Dq, Dk, Dv inputs, D model ({@code dim}), H heads. Parameters:
 * {@code Wq.weight [D, Dq]}, {@code Wk.weight [D, Dk]}, {@code Wv.weight [D, Dv]},
 * {@code Wo.weight [D, D]} and their biases {@code [D]}. Shapes: query {@code [B, Tq, Dq]},
 * key {@code [B, Tk, Dk]}, value {@code [B, Tk, Dv]}; context {@code [B, Tq, D]}; weights per head
 * {@code [B, H, Tq, Tk]}. See {@link #prepare} for what is computed once per memory.
 */
public class MultiHeadAttention extends Attention {
    public static final String NAME = "multi-head";
    private static final String KEYS_T = "keys_t";
    private static final String KEYS = "keys";
    private static final String VALUES = "values";

    private final String variant;
    private final int heads;
    private final int dim;
    private final boolean causal;
    private final int queryDim;
    private final int keyDim;
    private final int valueDim;
    private final float dropout;
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;

    public MultiHeadAttention(int queryDim, int keyDim, int valueDim, int dim, int heads, boolean causal,
            RandomGenerator rng) {
        this(NAME, queryDim, keyDim, valueDim, dim, heads, causal, 0f, rng);
    }

    MultiHeadAttention(String variant, int queryDim, int keyDim, int valueDim, int dim, int heads, boolean causal,
            float dropout, RandomGenerator rng) {
        if (heads <= 0 || dim % heads != 0) {
            throw new ConfigurationException(variant + ": heads (" + heads + ") must be positive and divide dim (" + dim + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigurationException(variant + ": dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        this.variant = variant;
        this.heads = heads;
        this.dim = dim;
        this.causal = causal;
        this.queryDim = queryDim;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        wq = addModule("Wq", new Linear(queryDim, dim, rng));
        wk = addModule("Wk", new Linear(keyDim, dim, rng));
        wv = addModule("Wv", new Linear(valueDim, dim, rng));
        wo = addModule("Wo", new Linear(dim, dim, rng));
    }

    @Override
    public AttentionOutput forward(Ops ops, AttentionInput in, boolean returnWeights) {
        Attend.checkInputs(variant, in, queryDim, keyDim, valueDim);
        int tq = in.query().dim(1);
        int tk = in.key().dim(1);
        if (causal && tq >= 0 && tk >= 0 && tq > tk) {
            throw new ShapeException(variant + ": causal attention needs at most as many queries as keys (the queries are"
                    + " the last positions of the keys' sequence), got query " + ShapeException.str(in.query().shape())
                    + " and key " + ShapeException.str(in.key().shape()));
        }
        Tensor q = split(ops, wq.forward(ops, in.query())); // [B, H, Tq, Dh]
        Tensor kT = in.prepared().get(KEYS_T);
        Tensor v = in.prepared().get(VALUES);
        if (kT == null && in.prepared().get(KEYS) != null) {
            kT = ops.transpose(in.prepared().get(KEYS), 0, 1, 3, 2);
        }
        if (kT == null || v == null) {
            kT = splitTransposed(ops, wk.forward(ops, in.key())); // [B, H, Dh, Tk]
            v = split(ops, wv.forward(ops, in.value())); // [B, H, Tk, Dh]
        }
        Tensor scores = ops.scale(ops.matmul(q, kT), (float) (1 / Math.sqrt(dim / heads)));
        Tensor mask = in.mask() == null ? null : Attend.expandMask(ops, in.mask(), 4);
        if (causal) {
            Tensor future = ops.unsqueeze(ops.unsqueeze(causalMask(ops, in.query(), in.key()), 0), 0); // [1, 1, Tq, Tk]
            mask = mask == null ? future : ops.mul(mask, future);
        }
        Tensor w = Attend.weights(ops, scores, mask);
        Tensor merged = ops.transpose(Attend.context(ops, ops.dropout(w, dropout), v), 0, 2, 1, 3); // [B, Tq, H, Dh]
        Tensor out = wo.forward(ops, ops.reshape(merged, 0, 0, -1));
        return new AttentionOutput(out, returnWeights ? w : null);
    }

    /**
     * {@code [Tq, Tk]}, 1 where key j may be seen by query i: {@code j - Tk <= i - Tq}, both sides
     * counted back from the end of their sequence, from run-time lengths only.
     */
    static Tensor causalMask(Ops ops, Tensor query, Tensor key) {
        Tensor i = ops.sub(ops.toFloat(ops.range(query, 1)), length(ops, query)); // [Tq]
        Tensor j = ops.sub(ops.toFloat(ops.range(key, 1)), length(ops, key)); // [Tk]
        return ops.lessOrEqual(ops.unsqueeze(j, 0), ops.unsqueeze(i, 1));
    }

    /** The run-time size of axis 1 as a FLOAT32 {@code [1]}. */
    private static Tensor length(Ops ops, Tensor x) {
        return ops.toFloat(ops.slice(ops.shapeOf(x), 0, 1, 2));
    }

    /**
     * The query-independent work, done once per memory. Cross-attention (not causal): the keys
     * projected, split into heads and transposed ({@code keys_t [B, H, Dh, Tk]}) and the values
     * projected and split ({@code values [B, H, Tk, Dh]}). Causal self-attention: keys and values
     * projected and split, both {@code [B, H, Tk, Dh]} ({@code keys}, {@code values}), with the
     * key position on axis -2 and nothing mixed across positions, so that a decoder stepping one
     * position at a time can prepare just the new position and append it to a cache along that
     * axis (a key/value cache) instead of re-projecting every earlier position.
     */
    @Override
    public Map<String, Tensor> prepare(Ops ops, Tensor key, Tensor value) {
        if (causal) {
            return Map.of(KEYS, split(ops, wk.forward(ops, key)), VALUES, split(ops, wv.forward(ops, value)));
        }
        return Map.of(KEYS_T, splitTransposed(ops, wk.forward(ops, key)),
                VALUES, split(ops, wv.forward(ops, value)));
    }

    /** {@code [B, T, D]} to {@code [B, H, T, Dh]}. */
    private Tensor split(Ops ops, Tensor x) {
        return ops.transpose(ops.reshape(x, 0, 0, heads, dim / heads), 0, 2, 1, 3);
    }

    /**
     * {@code [B, T, D]} to {@code [B, H, Dh, T]}: the keys split into heads and transposed for
     * {@code q k^T} in one copy (the same numbers as {@code split} followed by swapping the last
     * two axes, which would copy twice).
     */
    private Tensor splitTransposed(Ops ops, Tensor x) {
        return ops.transpose(ops.reshape(x, 0, 0, heads, dim / heads), 0, 2, 3, 1);
    }

    @Override
    public int outputDim() {
        return dim;
    }

    public int heads() {
        return heads;
    }

    public boolean causal() {
        return causal;
    }

    /** Dropout probability on the attention weights. */
    public float dropout() {
        return dropout;
    }

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("dim", "int", "query dimension", "model dimension D, divisible by heads"),
            new OptionSpec("heads", "int", "8", "number of heads H"),
            new OptionSpec("dropout", "float", "0.0", "dropout on the attention weights (training only)"));

    static MultiHeadAttention build(String variant, AttentionSpec spec, boolean causal, RandomGenerator rng) {
        Options o = Settings.check(spec.options(), OPTIONS);
        int dim = Settings.positive(o, variant, "dim", o.getInt("dim", spec.queryDim()));
        int heads = Settings.positive(o, variant, "heads", o.getInt("heads", 8));
        if (dim % heads != 0) {
            throw new ConfigurationException(variant + ": heads (" + heads + ") must be positive and divide dim (" + dim
                    + "): '" + o.where() + ".heads'");
        }
        double p = o.getDouble("dropout", 0.0);
        if (!(p >= 0 && p < 1)) {
            throw new ConfigurationException(variant + ": '" + o.where() + ".dropout' must be in [0, 1), got " + p);
        }
        return new MultiHeadAttention(variant, spec.queryDim(), spec.keyDim(), spec.valueDim(), dim, heads, causal,
                (float) p, rng);
    }

    /** The provider registered in META-INF/services. */
    public static final class Provider implements AttentionProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "multi-head scaled dot-product attention (Vaswani et al.), self or cross";
        }

        @Override
        public List<OptionSpec> options() {
            return OPTIONS;
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            return build(NAME, spec, false, rng);
        }
    }
}
