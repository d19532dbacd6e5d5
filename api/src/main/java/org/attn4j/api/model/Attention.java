package org.attn4j.api.model;

import org.attn4j.api.Module;
import org.attn4j.api.Ops;

/**
 * An attention variant: scores queries against keys, normalises the scores over the keys a
 * mask allows, and returns the weighted sum of the values.
 *
 * <p>Shapes (B batch, Tq queries, Tk keys): query {@code [B, Tq, Dq]}, key {@code [B, Tk, Dk]},
 * value {@code [B, Tk, Dv]}, mask {@code [B, Tk]} or {@code [B, Tq, Tk]} (1 = may attend);
 * context {@code [B, Tq, Dout]}; weights {@code [B, Tq, Tk]} (or {@code [B, H, Tq, Tk]} for
 * multi-head variants). Written against {@link Ops} only, so it trains eagerly and exports to
 * ONNX unchanged. Instances are built by an {@link org.attn4j.api.spi.AttentionProvider}.
 */
public abstract class Attention extends Module {

    /** Attends; computes the weights tensor only when {@code returnWeights} is set. */
    public abstract AttentionOutput forward(Ops ops, AttentionInput input, boolean returnWeights);
}
