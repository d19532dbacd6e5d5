package org.attn4j.transformer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.nn.LayerNorm;

/**
 * One decoder layer: causal self-attention over the target so far, cross-attention to the
 * encoder's memory, then the feed-forward network, each with its residual connection and layer
 * norm ({@link Residual}, post- or pre-norm).
 *
 * <p>Two ways to run it, which give the same numbers: {@link #forward} over a whole target at
 * once (teacher forcing, with a causal mask), and {@link #step} for one new position against a
 * cache. The cache, in the decoder state under this layer's prefix (batch first, so beam search
 * reorders it like everything else):
 * <ul>
 *   <li>{@code self.input} {@code [B, t, D]}: the self-attention inputs of the t positions so
 *       far, the keys and values any attention variant can be given;</li>
 *   <li>{@code self.cache.<name>}: what the self-attention {@link Attention#prepare prepared}
 *       for those positions (the projected keys and values of {@code causal}), when the variant
 *       prepares tensors with the key position on axis -2: each step prepares only the new
 *       position and appends it there, so earlier positions are never projected again. A
 *       variant that prepares nothing, or prepares something else, recomputes from
 *       {@code self.input};</li>
 *   <li>{@code cross.<name>}: what the cross-attention prepared from the memory, once per
 *       sentence.</li>
 * </ul>
 */
public final class DecoderLayer extends Module {
    private static final String SELF_INPUT = "self.input";
    private static final String SELF_CACHE = "self.cache.";
    private static final String CROSS = "cross.";

    private final Attention selfAttention;
    private final Attention crossAttention;
    private final FeedForward ffn;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final boolean preNorm;
    private final float dropout;

    /**
     * @param selfAttention  queries, keys and values of size D, output D; causal unless the
     *                       decoder's mask makes it so (the decoder passes a causal mask in
     *                       {@link #forward} whatever the variant)
     * @param crossAttention queries of size D, keys and values of the memory's size, output D
     */
    public DecoderLayer(TransformerSettings s, Attention selfAttention, Attention crossAttention, RandomGenerator rng) {
        this.selfAttention = addModule("self_attention", selfAttention);
        this.norm1 = addModule("norm1", new LayerNorm(s.dModel(), s.normEps()));
        this.crossAttention = addModule("cross_attention", crossAttention);
        this.norm2 = addModule("norm2", new LayerNorm(s.dModel(), s.normEps()));
        this.ffn = addModule("ffn", new FeedForward(s.dModel(), s.ffnDim(), s.activation(), rng));
        this.norm3 = addModule("norm3", new LayerNorm(s.dModel(), s.normEps()));
        this.preNorm = s.preNorm();
        this.dropout = s.dropout();
    }

    /** The layer's output and, if requested, its self- and cross-attention weights (else null). */
    public record Output(Tensor x, Tensor selfWeights, Tensor crossWeights) {
    }

    /**
     * The whole target at once: x {@code [B, T, D]}, selfMask {@code [B, T, T]} (causal),
     * memory {@code [B, S, Dm]}, memoryMask {@code [B, S]}.
     */
    public Output forward(Ops ops, Tensor x, Tensor selfMask, Tensor memory, Tensor memoryMask, boolean returnWeights) {
        Tensor in = Residual.input(ops, x, norm1, preNorm);
        AttentionOutput sa = selfAttention.forward(ops, new AttentionInput(in, in, in, selfMask), returnWeights);
        Tensor h = Residual.output(ops, x, sa.context(), norm1, preNorm, dropout);
        Tensor q = Residual.input(ops, h, norm2, preNorm);
        AttentionOutput ca = crossAttention.forward(ops, new AttentionInput(q, memory, memory, memoryMask), returnWeights);
        h = Residual.output(ops, h, ca.context(), norm2, preNorm, dropout);
        h = Residual.apply(ops, h, norm3, preNorm, dropout, y -> ffn.forward(ops, y));
        return new Output(h, sa.weights(), ca.weights());
    }

    /**
     * This layer's part of the initial decoder state, written into {@code into} under
     * {@code prefix}: an empty self-attention cache (built from {@code empty}, {@code [B, 0, D]})
     * and the cross-attention's preparation of {@code memory}.
     */
    void initialState(Ops ops, Tensor memory, Tensor empty, String prefix, Map<String, Tensor> into) {
        into.put(prefix + SELF_INPUT, empty);
        Map<String, Tensor> prepared = selfAttention.prepare(ops, empty, empty);
        if (appendable(prepared)) {
            prepared.forEach((name, t) -> into.put(prefix + SELF_CACHE + name, t));
        }
        crossAttention.prepare(ops, memory, memory).forEach((name, t) -> into.put(prefix + CROSS + name, t));
    }

    /** Prepared from zero positions, an appendable tensor has size 0 (or unknown) on axis -2. */
    private static boolean appendable(Map<String, Tensor> prepared) {
        if (prepared.isEmpty()) {
            return false;
        }
        for (Tensor t : prepared.values()) {
            if (t.rank() < 3 || t.dim(-2) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * One new position: x {@code [B, 1, D]} at INT64 {@code position [1]}; reads this layer's cache
     * from {@code state} and writes the grown cache into {@code next}.
     */
    Output step(Ops ops, Tensor x, Tensor position, DecoderState state, String prefix, Map<String, Tensor> next,
            boolean returnWeights) {
        Tensor in = Residual.input(ops, x, norm1, preNorm);
        Tensor keys = ops.concat(1, state.get(prefix + SELF_INPUT), in);
        next.put(prefix + SELF_INPUT, keys);
        Map<String, Tensor> cached = new LinkedHashMap<>();
        if (state.names().stream().anyMatch(n -> n.startsWith(prefix + SELF_CACHE))) {
            selfAttention.prepare(ops, in, in).forEach((name, t) -> {
                Tensor grown = ops.concat(-2, state.get(prefix + SELF_CACHE + name), t);
                cached.put(name, grown);
                next.put(prefix + SELF_CACHE + name, grown);
            });
        }
        AttentionOutput sa = selfAttention.forward(ops, new AttentionInput(in, keys, keys, null, position, cached), false);
        Tensor h = Residual.output(ops, x, sa.context(), norm1, preNorm, dropout);
        Tensor q = Residual.input(ops, h, norm2, preNorm);
        Map<String, Tensor> memoryPrepared = new LinkedHashMap<>();
        for (String name : state.names()) {
            if (name.startsWith(prefix + CROSS)) {
                memoryPrepared.put(name.substring(prefix.length() + CROSS.length()), state.get(name));
            }
        }
        Tensor memory = state.get(TransformerDecoder.MEMORY);
        AttentionOutput ca = crossAttention.forward(ops, new AttentionInput(q, memory, memory,
                state.get(TransformerDecoder.MASK), position, memoryPrepared), returnWeights);
        h = Residual.output(ops, h, ca.context(), norm2, preNorm, dropout);
        h = Residual.apply(ops, h, norm3, preNorm, dropout, y -> ffn.forward(ops, y));
        return new Output(h, null, ca.weights());
    }
}
