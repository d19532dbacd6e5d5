package org.attn4j.api.model;

import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * Base of single-head attention variants: a subclass supplies its score; checking, masking,
 * softmax and the weighted sum happen here, once, through {@link Attend}.
 *
 * <p>{@code forward} computes {@code s = score(q, k)} {@code [B, Tq, Tk]},
 * {@code w = softmax of s over the keys the mask allows} and {@code context = w v}
 * {@code [B, Tq, Dv]}. A variant that needs more (a window, a reweighting) extends
 * {@link Attention} and calls {@link Attend} itself.
 */
public abstract class ScoredAttention extends Attention {
    private final String variant;
    private final int queryDim;
    private final int keyDim;
    private final int valueDim;

    /** {@code variant} names this kind of attention in error messages (its provider name). */
    protected ScoredAttention(String variant, int queryDim, int keyDim, int valueDim) {
        this.variant = variant;
        this.queryDim = queryDim;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
    }

    /** Unnormalised scores {@code [B, Tq, Tk]}. */
    protected abstract Tensor score(Ops ops, AttentionInput in);

    @Override
    public final AttentionOutput forward(Ops ops, AttentionInput in, boolean returnWeights) {
        Attend.checkInputs(variant, in, queryDim, keyDim, valueDim);
        Tensor w = Attend.weights(ops, score(ops, in), in.mask());
        return new AttentionOutput(Attend.context(ops, w, in.value()), returnWeights ? w : null);
    }

    @Override
    public int outputDim() {
        return valueDim;
    }

    public String variant() {
        return variant;
    }

    public int queryDim() {
        return queryDim;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim;
    }
}
