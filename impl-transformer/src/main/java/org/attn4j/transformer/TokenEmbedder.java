package org.attn4j.transformer;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.nn.Init;
import org.attn4j.api.nn.LayerNorm;
import org.attn4j.api.nn.SinusoidalPositions;

/**
 * Token vectors with positions: {@code dropout(E[id] * s + P[pos])}, with {@code s = sqrt(D)}
 * when embeddings are scaled (else 1) and P the sinusoidal table of {@link SinusoidalPositions}
 * or a learned {@code [maxLength, D]} parameter ({@code positions}, initialised normal with std
 * 0.02). The token table may be shared with another embedder (shared source/target embeddings).
 *
 * <p>BERT's embeddings add two optional parts: a token-type (segment) table
 * {@code types.weight [token_types, D]}, giving {@code E[id] * s + T[type] + P[pos]} (type 0 for
 * every token when no types are given), and a layer norm {@code norm.*} over that sum before the
 * dropout.
 *
 * <p>Positions are gathered with run-time indices ({@code Ops.range} over the sequence, or the
 * decoder's step), so an exported graph takes any length up to {@code maxLength}; a longer
 * sequence is rejected, naming the setting, wherever its length is known.
 */
final class TokenEmbedder extends Module {
    private final Embedding embedding;
    private final Parameter learned;
    private final Embedding types;
    private final LayerNorm norm;
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
        this(embedding, s, 0, false, where, rng);
    }

    /**
     * @param tokenTypes rows of the token-type table; 0 for none
     * @param norm       a layer norm (epsilon {@code s.normEps()}) over the summed embeddings
     */
    TokenEmbedder(Embedding embedding, TransformerSettings s, int tokenTypes, boolean norm, String where,
            RandomGenerator rng) {
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
        this.types = tokenTypes > 0 ? addModule("types", new Embedding(tokenTypes, s.dModel(), rng)) : null;
        this.norm = norm ? addModule("norm", new LayerNorm(s.dModel(), s.normEps())) : null;
    }

    /** Ids {@code [B, T]} at positions {@code 0 .. T-1} to vectors {@code [B, T, D]}. */
    Tensor forward(Ops ops, Tensor ids) {
        return forwardWithTypes(ops, ids, null);
    }

    /** Ids {@code [B, T]} at positions {@code 0 .. T-1} with token types {@code [B, T]} (or null) to {@code [B, T, D]}. */
    Tensor forwardWithTypes(Ops ops, Tensor ids, Tensor typeIds) {
        checkLength(ids.dim(1), "a sequence of " + ids.dim(1) + " tokens");
        return forward(ops, ids, ops.range(ids, 1), typeIds);
    }

    /** Ids {@code [B, T]} at the INT64 {@code positions [T]} to vectors {@code [B, T, D]}. */
    Tensor forward(Ops ops, Tensor ids, Tensor positions) {
        return forward(ops, ids, positions, null);
    }

    /**
     * Ids {@code [B, T]} at the INT64 {@code positions [T]}, with INT64 token types {@code [B, T]}
     * (or null: type 0), to vectors {@code [B, T, D]}; the types are ignored without a type table.
     */
    Tensor forward(Ops ops, Tensor ids, Tensor positions, Tensor typeIds) {
        Tensor e = embedding.forward(ops, ids);
        if (scale != 1f) {
            e = ops.scale(e, scale);
        }
        if (types != null) {
            Tensor table = ops.param(types.weight());
            e = ops.add(e, typeIds == null ? ops.slice(table, 0, 0, 1) : ops.gather(table, typeIds));
        }
        e = ops.add(e, ops.gather(table(ops), positions));
        if (norm != null) {
            e = norm.forward(ops, e);
        }
        return ops.dropout(e, dropout);
    }

    /** Rows of the token-type table, 0 without one. */
    int tokenTypes() {
        return types == null ? 0 : types.weight().shape()[0];
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
