package org.attn4j.api.nn;

import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * Inverted dropout with probability {@code p} in [0, 1). Active only when the {@link Ops} is in
 * training mode; the random draws come from that {@code Ops}' seeded generator.
 */
public final class Dropout extends Module {
    private final float p;

    public Dropout(float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    public Tensor forward(Ops ops, Tensor x) {
        return p == 0 ? x : ops.dropout(x, p);
    }

    public float p() {
        return p;
    }
}
