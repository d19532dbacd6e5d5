package org.attn4j.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;

/**
 * The state a decoder carries from one step to the next (hidden states, encoder memory and
 * mask, key/value caches), as named tensors whose axis 0 is the batch.
 *
 * <p>Immutable: {@link #with} returns a new state. Reorderable for beam search:
 * {@link #reorder} picks batch rows by index (repeating or dropping hypotheses) for every
 * tensor at once. Names are stable, since they become ONNX input and output names.
 */
public final class DecoderState {
    private final Map<String, Tensor> tensors;

    private DecoderState(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    public static DecoderState of(Map<String, Tensor> tensors) {
        return new DecoderState(new LinkedHashMap<>(tensors));
    }

    /** The tensor called {@code name}; an {@link IllegalArgumentException} naming the known ones otherwise. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("decoder state has no tensor '" + name + "'; it has " + tensors.keySet());
        }
        return t;
    }

    /** A copy of this state with {@code name} set to {@code t}. */
    public DecoderState with(String name, Tensor t) {
        Map<String, Tensor> m = new LinkedHashMap<>(tensors);
        m.put(name, t);
        return new DecoderState(m);
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** Every tensor's batch rows picked by INT64 {@code indices} {@code [K]}: the new batch has K rows. */
    public DecoderState reorder(Ops ops, Tensor indices) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        tensors.forEach((n, t) -> m.put(n, ops.gather(t, indices)));
        return new DecoderState(m);
    }
}
