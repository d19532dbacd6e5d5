package org.attn4j.transformer;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.nn.Init;
import org.attn4j.api.nn.SinusoidalPositions;

/**
 * Token vectors with positions: {@code dropout(E[id] * s + P[pos])}, with {@code s = sqrt(D)}
 * when embeddings are scaled (else 1) and P the sinusoidal table of {@link SinusoidalPositions}
 * or a learned {@code [maxLength, D]} parameter ({@code positions}, initialised normal with std
 * 0.02). The token table may be shared with another embedder (shared source/target embeddings).
 *
 * <p>Positions are gathered with run-time indices ({@code Ops.range} over the sequence, or the
 * decoder's step), so an exported graph takes any length up to {@code maxLength}; a longer
 * sequence is rejected, naming the setting, wherever its length is known.
 */
final class TokenEmbedder extends Module {
    private final Embedding embedding;
    private final Parameter learned;
    private final float[] sinusoid;
    private final float scale;
    private final float dropout;
    private final int maxLength;
    private final String where;

    /**
     * @param embedding the token table, owned here or shared (then registered by its first owner too)
     * @param where     the configuration path named in errors, for example {@code model.encoder}
     */
    TokenEmbedder(Embedding embedding, TransformerSettings s, String where, RandomGenerator rng) {
        this.embedding = addModule("embedding", embedding);
        this.maxLength = s.maxLength();
        this.where = where;
        if (s.learnedPositions()) {
            this.learned = addParameter("positions", Init.normal(new Parameter(s.maxLength(), s.dModel()), 0.02f, rng));
            this.sinusoid = null;
        } else {
            this.learned = null;
            this.sinusoid = s.positions() == TransformerSettings.Positions.SINUSOIDAL_HALVES
                    ? SinusoidalPositions.halvesTable(s.maxLength(), s.dModel())
                    : SinusoidalPositions.table(s.maxLength(), s.dModel());
        }
        this.scale = s.scaleEmbeddings() ? (float) Math.sqrt(s.dModel()) : 1f;
        this.dropout = s.dropout();
    }

    /** Ids {@code [B, T]} at positions {@code 0 .. T-1} to vectors {@code [B, T, D]}. */
    Tensor forward(Ops ops, Tensor ids) {
        checkLength(ids.dim(1), "a sequence of " + ids.dim(1) + " tokens");
        return forward(ops, ids, ops.range(ids, 1));
    }

    /** Ids {@code [B, T]} at the INT64 {@code positions [T]} to vectors {@code [B, T, D]}. */
    Tensor forward(Ops ops, Tensor ids, Tensor positions) {
        Tensor e = embedding.forward(ops, ids);
        if (scale != 1f) {
            e = ops.scale(e, scale);
        }
        return ops.dropout(ops.add(e, ops.gather(table(ops), positions)), dropout);
    }

    /** Fails when a sequence of {@code length} tokens (if known, >= 0) does not fit the position table. */
    void checkLength(int length, String what) {
        if (length > maxLength) {
            throw new ShapeException(where + ": " + what + " is longer than the position table allows: '" + where
                    + ".max_length' is " + maxLength);
        }
    }

    private Tensor table(Ops ops) {
        return learned != null ? ops.param(learned) : ops.constant(sinusoid, maxLength, sinusoid.length / maxLength);
    }

    Embedding embedding() {
        return embedding;
    }
}
