package org.attn4j.api.model;

import java.util.Map;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * An attention variant: scores queries against keys, normalises the scores over the keys a
 * mask allows, and returns the weighted sum of the values.
 *
 * <p>Shapes (B batch, Tq queries, Tk keys): query {@code [B, Tq, Dq]}, key {@code [B, Tk, Dk]},
 * value {@code [B, Tk, Dv]}, mask {@code [B, Tk]} or {@code [B, Tq, Tk]} (1 = may attend);
 * context {@code [B, Tq, outputDim()]}; weights {@code [B, Tq, Tk]}, or {@code [B, H, Tq, Tk]}
 * for variants with H heads. A query row whose keys are all masked gets all-zero weights
 * (never NaN). Written against {@link Ops} only, so it trains eagerly and exports to ONNX
 * unchanged. Instances are built by an {@link org.attn4j.api.spi.AttentionProvider}; most
 * variants extend {@link ScoredAttention} and only supply their score.
 */
public abstract class Attention extends Module {

    /** Attends; computes the weights tensor only when {@code returnWeights} is set. */
    public abstract AttentionOutput forward(Ops ops, AttentionInput input, boolean returnWeights);

    /**
     * The work on keys and values that does not depend on the query (a key projection, say),
     * done once so that a decoder attending to the same memory at every step does not redo it.
     * The decoder passes the result back through {@link AttentionInput#withPrepared}; a
     * variant must give the same output with and without it. Every tensor is batch first,
     * {@code [B, ...]}, so a decoder can keep it in its state and reorder it for beam search.
     * The default prepares nothing.
     *
     * @param key   key vectors {@code [B, Tk, Dk]}
     * @param value value vectors {@code [B, Tk, Dv]}
     */
    public Map<String, Tensor> prepare(Ops ops, Tensor key, Tensor value) {
        return Map.of();
    }

    /** The size of a context vector, the last dimension of the output. */
    public abstract int outputDim();
}
