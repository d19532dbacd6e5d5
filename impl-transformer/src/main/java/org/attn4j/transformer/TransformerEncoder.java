package org.attn4j.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.nn.LayerNorm;

/**
 * The Transformer encoder (Vaswani et al. 2017): token embeddings scaled by sqrt(D) plus
 * positions, dropout, N {@link EncoderLayer}s, and optionally a final layer norm. For BERT's
 * layout (Devlin et al. 2019) the embeddings can also add a token-type table and pass through a
 * layer norm ({@code token_types}, {@code embedding_norm}; see {@link #encode(Ops, Tensor, Tensor,
 * Tensor, List, List)}).
 *
 * <p>Dimensions: V source vocabulary, D model width, S source length, H heads. Shapes: ids
 * INT64 {@code [B, S]}, mask {@code [B, S]} (1 = real token, padded keys get no attention);
 * memory {@code [B, S, D]}; no finals. Parameters: {@code embedder.embedding.weight [V, D]},
 * {@code embedder.positions [max_length, D]} (learned positions only), {@code layer<i>.*},
 * {@code norm.*}, and with the BERT options {@code embedder.types.weight [token_types, D]} and
 * {@code embedder.norm.*}. Thread safety as for {@link Module}: build once, then read from any thread.
 */
public final class TransformerEncoder extends Module implements Encoder {
    private final TokenEmbedder embedder;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final TransformerSettings settings;
    private final String where;

    /**
     * @param selfAttention one new self-attention module per layer (sizes D, output D)
     * @param where         the configuration path named in errors ({@code model.encoder})
     */
    public TransformerEncoder(int vocabulary, TransformerSettings s, java.util.function.Supplier<Attention> selfAttention,
            String where, RandomGenerator rng) {
        this(vocabulary, s, 0, false, selfAttention, where, rng);
    }

    /**
     * @param tokenTypes    rows of a token-type (segment) embedding table added to the token
     *                      embeddings; 0 for none
     * @param embeddingNorm a layer norm over the summed embeddings, before the first layer
     */
    public TransformerEncoder(int vocabulary, TransformerSettings s, int tokenTypes, boolean embeddingNorm,
            java.util.function.Supplier<Attention> selfAttention, String where, RandomGenerator rng) {
        this.settings = s;
        this.where = where;
        this.embedder = addModule("embedder", new TokenEmbedder(new Embedding(vocabulary, s.dModel(), rng), s, tokenTypes,
                embeddingNorm, where, rng));
        for (int i = 0; i < s.layers(); i++) {
            layers.add(addModule("layer" + i, new EncoderLayer(s, selfAttention.get(), rng)));
        }
        this.finalNorm = s.finalNorm() ? addModule("norm", new LayerNorm(s.dModel(), s.normEps())) : null;
    }

    @Override
    public EncoderOutput encode(Ops ops, Tensor sourceIds, Tensor sourceMask) {
        return encode(ops, sourceIds, sourceMask, null);
    }

    /**
     * Encodes and, when {@code weights} is not null, appends each layer's self-attention weights
     * {@code [B, H, S, S]} to it (layer 0 first).
     */
    public EncoderOutput encode(Ops ops, Tensor sourceIds, Tensor sourceMask, List<Tensor> weights) {
        return encode(ops, sourceIds, null, sourceMask, weights, null);
    }

    /**
     * Encodes ids {@code [B, S]} with their token types (INT64 {@code [B, S]}, or null for type 0
     * everywhere; ignored without {@code token_types}) and mask {@code [B, S]}. When
     * {@code weights} is not null, each layer's self-attention weights {@code [B, H, S, S]} are
     * appended to it (layer 0 first); when {@code states} is not null, the embeddings' output and
     * then each layer's output {@code [B, S, D]} are (N + 1 tensors, as Hugging Face's
     * {@code hidden_states}; the final norm, if any, comes after the last of them).
     */
    public EncoderOutput encode(Ops ops, Tensor sourceIds, Tensor typeIds, Tensor sourceMask, List<Tensor> weights,
            List<Tensor> states) {
        checkBatch(where, "source ids", sourceIds);
        Tensor x = embedder.forwardWithTypes(ops, sourceIds, typeIds);
        if (states != null) {
            states.add(x);
        }
        for (EncoderLayer layer : layers) {
            EncoderLayer.Output out = layer.forward(ops, x, sourceMask, weights != null);
            x = out.x();
            if (weights != null) {
                weights.add(out.weights());
            }
            if (states != null) {
                states.add(x);
            }
        }
        if (finalNorm != null) {
            x = finalNorm.forward(ops, x);
        }
        return new EncoderOutput(x, sourceMask, Map.of());
    }

    /** Rejects ids {@code [B, T]} with no row or no column, where the size is known. */
    static void checkBatch(String where, String what, Tensor ids) {
        if (ids.rank() != 2) {
            throw new ShapeException(where + ": " + what + " must be [B, T], got " + ShapeException.str(ids.shape()));
        }
        if (ids.dim(0) == 0) {
            throw new ShapeException(where + ": the batch is empty (" + what + " " + ShapeException.str(ids.shape())
                    + "); give at least one sequence");
        }
        if (ids.dim(1) == 0) {
            throw new ShapeException(where + ": the sequences are empty (" + what + " " + ShapeException.str(ids.shape())
                    + "); each needs at least one token");
        }
    }

    @Override
    public int outputDim() {
        return settings.dModel();
    }

    /** The rows of the position table. */
    @Override
    public int maxSourceLength() {
        return settings.maxLength();
    }

    public TransformerSettings settings() {
        return settings;
    }

    /** The source token table (shared with the decoder when embeddings are shared). */
    Embedding embedding() {
        return embedder.embedding();
    }

    /** Rows of the token-type table ({@code token_types}), 0 without one. */
    public int tokenTypes() {
        return embedder.tokenTypes();
    }

    public int layerCount() {
        return layers.size();
    }
}
