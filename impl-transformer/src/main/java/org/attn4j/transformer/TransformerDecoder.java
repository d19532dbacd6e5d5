package org.attn4j.transformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.StepOutput;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.nn.LayerNorm;
import org.attn4j.api.nn.Linear;
import org.attn4j.api.text.Vocabulary;

/**
 * The Transformer decoder (Vaswani et al. 2017): target embeddings scaled by sqrt(D) plus
 * positions, dropout, N {@link DecoderLayer}s (causal self-attention, cross-attention to the
 * encoder's memory, feed-forward), an optional final layer norm, and the output projection to
 * the target vocabulary, its own {@code [V, D]} matrix with a bias or tied to the target
 * embedding table (Press and Wolf 2017).
 *
 * <p>{@link #forward} runs a whole target at once under a causal mask (teacher forcing, one pass,
 * exportable). {@link #step} adds one position with a per-layer cache (see {@link DecoderLayer})
 * and gives the same logits within float rounding. The memory may come from any encoder whose
 * output has the size the cross-attention was built for.
 *
 * <p>State tensors, all batch first: {@code memory} {@code [B, S, Dm]}, {@code mask}
 * {@code [B, S]}, and per layer i {@code layer<i>.self.input} {@code [B, t, D]},
 * {@code layer<i>.self.cache.keys} and {@code .values} {@code [B, H, t, Dh]} (for the
 * {@code causal} variant) and {@code layer<i>.cross.keys_t}/{@code .values} (the memory's
 * projections). The step's position t is the run-time length of {@code layer0.self.input}.
 * {@link StepOutput#attention()} is the last layer's cross-attention averaged over heads; every
 * layer's and head's weights come from {@link #forward(Ops, EncoderOutput, Tensor, List, List)}
 * or {@link AttentionMaps}.
 */
public final class TransformerDecoder extends Module implements Decoder {
    static final String MEMORY = "memory";
    static final String MASK = "mask";

    private final TokenEmbedder embedder;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear output;
    private final Parameter outputBias;
    private final TransformerSettings settings;
    private final String where;

    /**
     * @param sharedEmbedding the encoder's token table to reuse ({@code [V, D]}), or null for an own table
     * @param tieOutput       project to the vocabulary with the target embedding table
     * @param outputBias      with a tied projection, add a trained bias {@code output_bias [V]} to the
     *                        logits (Marian's {@code final_logits_bias}); ignored otherwise (an own
     *                        projection has its bias)
     * @param selfAttention   one new self-attention module per layer (sizes D, output D)
     * @param crossAttention  one new cross-attention module per layer (queries D, keys and values
     *                        the memory's size, output D)
     * @param where           the configuration path named in errors ({@code model.decoder})
     */
    public TransformerDecoder(int vocabulary, TransformerSettings s, Embedding sharedEmbedding, boolean tieOutput,
            boolean outputBias, Supplier<Attention> selfAttention, Supplier<Attention> crossAttention, String where, RandomGenerator rng) {
        this.settings = s;
        this.where = where;
        Embedding table = sharedEmbedding != null ? sharedEmbedding : new Embedding(vocabulary, s.dModel(), rng);
        this.embedder = addModule("embedder", new TokenEmbedder(table, s, where, rng));
        for (int i = 0; i < s.layers(); i++) {
            layers.add(addModule("layer" + i, new DecoderLayer(s, selfAttention.get(), crossAttention.get(), rng)));
        }
        this.finalNorm = s.finalNorm() ? addModule("norm", new LayerNorm(s.dModel(), s.normEps())) : null;
        this.output = tieOutput ? null : addModule("output", new Linear(s.dModel(), vocabulary, rng));
        this.outputBias = tieOutput && outputBias ? addParameter("output_bias", new Parameter(vocabulary)) : null;
    }

    @Override
    public DecoderState initialState(Ops ops, EncoderOutput encoded) {
        Tensor memory = encoded.memory();
        if (memory.dim(0) == 0) {
            throw new ShapeException(where + ": the batch is empty (memory " + ShapeException.str(memory.shape())
                    + "); give at least one sequence");
        }
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put(MEMORY, memory);
        s.put(MASK, encoded.mask());
        // [B, 0, D]: the batch size from the memory, no position yet
        Tensor empty = ops.reshape(ops.slice(memory, 1, 0, 0), 0, 0, settings.dModel());
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).initialState(ops, memory, empty, prefix(i), s);
        }
        return DecoderState.of(s);
    }

    private static String prefix(int layer) {
        return "layer" + layer + ".";
    }

    @Override
    public StepOutput step(Ops ops, DecoderState state, Tensor previousTokens, boolean returnAttention) {
        TransformerEncoder.checkBatch(where, "previous tokens", previousTokens);
        Tensor done = state.get(prefix(0) + "self.input");
        if (done.dim(1) >= 0) {
            embedder.checkLength(done.dim(1) + 1, "a target of " + (done.dim(1) + 1) + " tokens");
        }
        Tensor position = ops.slice(ops.shapeOf(done), 0, 1, 2); // INT64 [1]: t, the number of earlier positions
        Tensor x = embedder.forward(ops, previousTokens, position);
        Map<String, Tensor> next = new LinkedHashMap<>(state.tensors());
        Tensor weights = null;
        for (int i = 0; i < layers.size(); i++) {
            boolean last = i == layers.size() - 1;
            DecoderLayer.Output out = layers.get(i).step(ops, x, position, state, prefix(i), next, returnAttention && last);
            x = out.x();
            weights = out.crossWeights();
        }
        Tensor logits = ops.squeeze(project(ops, x), 1);
        Tensor attention = returnAttention && weights != null ? sourceWeights(ops, weights) : null;
        return new StepOutput(logits, DecoderState.of(next), attention);
    }

    /** Weights {@code [B, 1, S]} or, per head, {@code [B, H, 1, S]}, as {@code [B, S]} (heads averaged). */
    private static Tensor sourceWeights(Ops ops, Tensor w) {
        Tensor flat = w.rank() == 4 ? ops.mean(w, false, 1) : w;
        return ops.squeeze(flat, 1);
    }

    @Override
    public Tensor forward(Ops ops, EncoderOutput encoded, Tensor targetInputs) {
        return forward(ops, encoded, targetInputs, null, null);
    }

    /**
     * Teacher forcing over target inputs {@code [B, T]} to logits {@code [B, T, V]}; when the
     * lists are not null, appends each layer's self-attention weights {@code [B, H, T, T]} and
     * cross-attention weights {@code [B, H, T, S]} (layer 0 first).
     */
    public Tensor forward(Ops ops, EncoderOutput encoded, Tensor targetInputs, List<Tensor> selfWeights,
            List<Tensor> crossWeights) {
        TransformerEncoder.checkBatch(where, "target inputs", targetInputs);
        boolean want = selfWeights != null || crossWeights != null;
        Tensor x = embedder.forward(ops, targetInputs);
        // [B, T, T]: position i sees positions j <= i that are not padding
        Tensor selfMask = ops.mul(ops.unsqueeze(ops.notEqual(targetInputs, Vocabulary.PAD), 1), ops.causalMask(targetInputs));
        for (DecoderLayer layer : layers) {
            DecoderLayer.Output out = layer.forward(ops, x, selfMask, encoded.memory(), encoded.mask(), want);
            x = out.x();
            if (selfWeights != null) {
                selfWeights.add(out.selfWeights());
            }
            if (crossWeights != null) {
                crossWeights.add(out.crossWeights());
            }
        }
        return project(ops, x);
    }

    /** The final norm and the output projection: {@code [B, T, D]} to {@code [B, T, V]}. */
    private Tensor project(Ops ops, Tensor x) {
        Tensor h = finalNorm != null ? finalNorm.forward(ops, x) : x;
        if (output != null) {
            return output.forward(ops, h);
        }
        Tensor logits = embedder.embedding().project(ops, h);
        return outputBias != null ? ops.add(logits, ops.param(outputBias)) : logits;
    }

    public TransformerSettings settings() {
        return settings;
    }

    public int layerCount() {
        return layers.size();
    }

    /** Whether the output projection reuses the target embedding table. */
    public boolean tiedOutput() {
        return output == null;
    }
}
