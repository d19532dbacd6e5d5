package org.attn4j.rnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.Tensor;
import org.attn4j.api.UnknownDimensionException;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.StepOutput;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.nn.Linear;

/**
 * A recurrent decoder, one target token per step, in one of three styles.
 * <ul>
 *   <li>{@code bahdanau} (Bahdanau et al. 2015): attend with the previous top state
 *       {@code s_{t-1}}, feed {@code [e_t; c_t]} to the cell, predict from {@code [s_t; c_t; e_t]}.</li>
 *   <li>{@code luong} (Luong et al. 2015): feed {@code [e_t; h~_{t-1}]} (input feeding) to the
 *       cell, attend with the new top state {@code s_t}, form {@code h~_t = tanh(Wc [c_t; s_t])},
 *       predict from {@code h~_t}.</li>
 *   <li>{@code none} (Cho et al. 2014): no attention; a fixed context {@code c}, the encoder's
 *       final state, is fed with {@code e_t} at every step and predicts with {@code [s_t; c; e_t]}.</li>
 * </ul>
 * The initial state of every layer is {@code tanh(W_l h_enc)} from the encoder's final state
 * ({@code c} of an LSTM starts at zero). Any attention variant, built-in or plugin, is used by
 * name.
 *
 * <p>Dimensions: V target vocabulary, E embedding, H hidden, Dm encoder memory, C attention output.
 * State tensors (batch first): {@code h<l>}, {@code c<l>} (LSTM) {@code [B, H]}; {@code memory}
 * {@code [B, S, Dm]}; {@code mask} {@code [B, S]}; {@code feed} {@code [B, H]} (luong);
 * {@code context} {@code [B, Dm]} (none); {@code step} {@code [B]} (the target position, for
 * position-aware attention such as local-m); {@code attention.<name>}, what the attention
 * {@link Attention#prepare prepared} from the memory once (projected keys, say).
 */
public final class RnnDecoder extends Module implements Decoder {
    /** How the decoder combines state, attention and output. */
    public enum Style {
        BAHDANAU, LUONG, NONE
    }

    /** State names under which the attention's {@link Attention#prepare prepared} memory is kept. */
    private static final String PREPARED = "attention.";

    private final Style style;
    private final boolean inputFeeding;
    private final Embedding embedding;
    private final List<RecurrentLayer> layers = new ArrayList<>();
    private final List<Linear> bridges = new ArrayList<>();
    private final Attention attention;
    private final Linear combine;
    private final Linear output;
    private final float dropout;
    private final int hidden;

    /**
     * @param attention the attention module (queries H, keys and values Dm), or null for style none
     */
    public RnnDecoder(Style style, int vocabulary, int embeddingDim, Cell cell, int hidden, int layerCount, int memoryDim,
            Attention attention, boolean inputFeeding, float dropout, java.util.random.RandomGenerator rng) {
        if ((style == Style.NONE) != (attention == null)) {
            throw new IllegalArgumentException("style " + style + " " + (attention == null ? "needs" : "takes no") + " attention");
        }
        this.style = style;
        this.inputFeeding = style == Style.LUONG && inputFeeding;
        this.hidden = hidden;
        this.dropout = dropout;
        embedding = addModule("embedding", new Embedding(vocabulary, embeddingDim, rng));
        int context = attention == null ? memoryDim : attention.outputDim();
        int in = switch (style) {
            case BAHDANAU -> embeddingDim + context;
            case LUONG -> embeddingDim + (this.inputFeeding ? hidden : 0);
            case NONE -> embeddingDim + memoryDim;
        };
        for (int l = 0; l < layerCount; l++) {
            layers.add(addModule("rnn" + l, new RecurrentLayer(cell, in, hidden, false, rng)));
            bridges.add(addModule("bridge" + l, new Linear(memoryDim, hidden, rng)));
            in = hidden;
        }
        this.attention = attention == null ? null : addModule("attention", attention);
        if (style == Style.LUONG) {
            combine = addModule("combine", new Linear(context + hidden, hidden, false, rng));
            output = addModule("output", new Linear(hidden, vocabulary, rng));
        } else {
            combine = null;
            output = addModule("output", new Linear(hidden + context + embeddingDim, vocabulary, rng));
        }
    }

    @Override
    public DecoderState initialState(Ops ops, EncoderOutput encoded) {
        Tensor summary = encoded.finals().get("h");
        if (summary == null) {
            throw new IllegalArgumentException("the RNN decoder bridges from the encoder's final state 'h', which this"
                    + " encoder does not provide (it gives " + encoded.finals().keySet() + ")");
        }
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("memory", encoded.memory());
        s.put("mask", encoded.mask());
        s.put("step", ops.scale(ops.sum(encoded.mask(), false, 1), 0f));
        for (int l = 0; l < layers.size(); l++) {
            Tensor h = ops.tanh(bridges.get(l).forward(ops, summary));
            s.put("h" + l, h);
            if (layers.get(l).cell() == Cell.LSTM) {
                s.put("c" + l, ops.scale(h, 0f));
            }
        }
        if (inputFeeding) {
            s.put("feed", ops.scale(s.get("h0"), 0f));
        }
        if (style == Style.NONE) {
            s.put("context", summary);
        } else {
            attention.prepare(ops, encoded.memory(), encoded.memory()).forEach((name, t) -> s.put(PREPARED + name, t));
        }
        return DecoderState.of(s);
    }

    /** One step's result before the output projection. */
    private record Advance(DecoderState state, Tensor features, Tensor attention) {
    }

    /** Embedding {@code e} {@code [B, 1, E]} and the state to the features {@code [B, 1, F]} that predict the next token. */
    private Advance advance(Ops ops, DecoderState state, Tensor e, boolean wantAttention) {
        DecoderState next = state.with("step", ops.add(state.get("step"), ops.scalar(1f)));
        Tensor weights = null;
        Tensor features;
        switch (style) {
            case BAHDANAU -> {
                AttentionOutput att = attend(ops, state, ops.unsqueeze(top(state), 1), wantAttention);
                weights = att.weights();
                Run run = run(ops, next, ops.concat(2, e, att.context()));
                next = run.state;
                features = ops.concat(2, run.top, att.context(), e);
            }
            case LUONG -> {
                Tensor x = inputFeeding ? ops.concat(2, e, ops.unsqueeze(state.get("feed"), 1)) : e;
                Run run = run(ops, next, x);
                next = run.state;
                AttentionOutput att = attend(ops, state, run.top, wantAttention);
                weights = att.weights();
                Tensor h = ops.dropout(ops.tanh(combine.forward(ops, ops.concat(2, att.context(), run.top))), dropout);
                if (inputFeeding) {
                    next = next.with("feed", ops.squeeze(h, 1));
                }
                features = h;
            }
            default -> {
                Tensor c = ops.unsqueeze(state.get("context"), 1);
                Run run = run(ops, next, ops.concat(2, e, c));
                next = run.state;
                features = ops.concat(2, run.top, c, e);
            }
        }
        return new Advance(next, features, weights);
    }

    private AttentionOutput attend(Ops ops, DecoderState state, Tensor query, boolean wantAttention) {
        Tensor memory = state.get("memory");
        Tensor position = ops.toIds(ops.slice(state.get("step"), 0, 0, 1)); // [1]: every row is at the same step
        Map<String, Tensor> prepared = new LinkedHashMap<>();
        for (String name : state.names()) {
            if (name.startsWith(PREPARED)) {
                prepared.put(name.substring(PREPARED.length()), state.get(name));
            }
        }
        return attention.forward(ops, new AttentionInput(query, memory, memory, state.get("mask"), position, prepared),
                wantAttention);
    }

    private Tensor top(DecoderState state) {
        return state.get("h" + (layers.size() - 1));
    }

    /** The stack's new state and its top output {@code [B, 1, H]}. */
    private record Run(DecoderState state, Tensor top) {
    }

    private Run run(Ops ops, DecoderState state, Tensor x) {
        DecoderState s = state;
        Tensor in = x;
        for (int l = 0; l < layers.size(); l++) {
            RecurrentLayer layer = layers.get(l);
            boolean lstm = layer.cell() == Cell.LSTM;
            RnnOutput out = layer.forward(ops, in, null, ops.unsqueeze(s.get("h" + l), 0),
                    lstm ? ops.unsqueeze(s.get("c" + l), 0) : null);
            s = s.with("h" + l, ops.squeeze(out.hLast(), 0));
            if (lstm) {
                s = s.with("c" + l, ops.squeeze(out.cLast(), 0));
            }
            in = ops.dropout(ops.reshape(out.y(), 0, 0, -1), dropout);
        }
        return new Run(s, in);
    }

    @Override
    public StepOutput step(Ops ops, DecoderState state, Tensor previousTokens, boolean returnAttention) {
        Tensor e = ops.dropout(embedding.forward(ops, previousTokens), dropout);
        Advance a = advance(ops, state, e, returnAttention);
        Tensor logits = ops.squeeze(output.forward(ops, a.features), 1);
        return new StepOutput(logits, a.state, returnAttention && a.attention != null ? sourceWeights(ops, a.attention) : null);
    }

    /** Weights {@code [B, 1, S]} or, per head, {@code [B, H, 1, S]}, as {@code [B, S]} (heads averaged). */
    private static Tensor sourceWeights(Ops ops, Tensor w) {
        Tensor flat = w.rank() == 4 ? ops.mean(w, false, 1) : w;
        return ops.squeeze(flat, 1);
    }

    /**
     * Teacher forcing: runs the steps over {@code targetInputs [B, T]} and projects all features
     * to logits {@code [B, T, V]} in one product. Eager only: it loops over T in Java.
     */
    @Override
    public Tensor forward(Ops ops, EncoderOutput encoded, Tensor targetInputs) {
        DecoderState state = initialState(ops, encoded);
        Tensor embedded = ops.dropout(embedding.forward(ops, targetInputs), dropout);
        int steps = targetInputs.dim(1);
        if (steps < 0) {
            throw new UnknownDimensionException("teacher forcing needs a known target length; decode step by step instead");
        }
        Tensor[] features = new Tensor[steps];
        for (int t = 0; t < steps; t++) {
            Advance a = advance(ops, state, ops.slice(embedded, 1, t, t + 1), false);
            state = a.state;
            features[t] = a.features;
        }
        return output.forward(ops, ops.concat(1, features));
    }

    public Style style() {
        return style;
    }

    public int hidden() {
        return hidden;
    }
}
