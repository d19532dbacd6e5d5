package org.attn4j.transformer;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.nn.LayerNorm;

/**
 * One encoder layer: self-attention over the source, then the feed-forward network, each with
 * its residual connection and layer norm ({@link Residual}, post- or pre-norm).
 *
 * <p>Shapes: x and the output {@code [B, S, D]}; mask {@code [B, S]} (1 = real token); the
 * self-attention weights, when asked for, {@code [B, H, S, S]} (or {@code [B, S, S]} for a
 * single-head variant).
 */
public final class EncoderLayer extends Module {
    private final Attention selfAttention;
    private final FeedForward ffn;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final boolean preNorm;
    private final float dropout;

    /** @param selfAttention queries, keys and values of size D, output of size D */
    public EncoderLayer(TransformerSettings s, Attention selfAttention, RandomGenerator rng) {
        this.selfAttention = addModule("self_attention", selfAttention);
        this.norm1 = addModule("norm1", new LayerNorm(s.dModel(), s.normEps()));
        this.ffn = addModule("ffn", new FeedForward(s.dModel(), s.ffnDim(), s.activation(), rng));
        this.norm2 = addModule("norm2", new LayerNorm(s.dModel(), s.normEps()));
        this.preNorm = s.preNorm();
        this.dropout = s.dropout();
    }

    /** The layer's output and, if requested, its self-attention weights (else null). */
    public record Output(Tensor x, Tensor weights) {
    }

    public Output forward(Ops ops, Tensor x, Tensor mask, boolean returnWeights) {
        Tensor in = Residual.input(ops, x, norm1, preNorm);
        AttentionOutput att = selfAttention.forward(ops, new AttentionInput(in, in, in, mask), returnWeights);
        Tensor h = Residual.output(ops, x, att.context(), norm1, preNorm, dropout);
        h = Residual.apply(ops, h, norm2, preNorm, dropout, y -> ffn.forward(ops, y));
        return new Output(h, att.weights());
    }
}
