package org.attn4j.transformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.nn.LayerNorm;

/**
 * The settings an encoder and a decoder stack share, read from a configuration block with
 * errors that name the key ({@code 'model.encoder.heads' (3) must divide ...}).
 *
 * @param dModel           D, the width of every layer's input and output
 * @param heads            H, heads of the default attention blocks; must divide D
 * @param layers           N, the number of layers
 * @param ffnDim           F, the inner width of the position-wise feed-forward network
 * @param activation       the feed-forward activation
 * @param preNorm          layer norm before each sublayer (pre-norm) rather than after the residual sum
 * @param finalNorm        a layer norm after the last layer
 * @param dropout          dropout on embeddings (after adding positions) and on every sublayer's output
 * @param attentionDropout dropout on the attention weights of the built-in attention blocks
 * @param positions        the position table: sinusoidal (interleaved or in halves) or learned
 * @param maxLength        rows of the position table: the longest sequence the stack accepts
 * @param scaleEmbeddings  multiply token embeddings by sqrt(D) before adding positions
 * @param normEps          the epsilon of every layer norm in the stack
 */
public record TransformerSettings(int dModel, int heads, int layers, int ffnDim, Activation activation, boolean preNorm,
        boolean finalNorm, float dropout, float attentionDropout, Positions positions, int maxLength,
        boolean scaleEmbeddings, float normEps) {

    /** The feed-forward network's non-linearity: ReLU, GELU (exact, with erf) or swish ({@code x * sigmoid(x)}, SiLU). */
    public enum Activation {
        RELU, GELU, SWISH
    }

    /**
     * The position table. {@code SINUSOIDAL}: the paper's interleaved layout, sin on even and cos
     * on odd columns; {@code SINUSOIDAL_HALVES}: the same frequencies with every sine first and
     * every cosine after them (the layout of Marian, fairseq and Hugging Face's Marian models);
     * {@code LEARNED}: a trained {@code [max_length, D]} table.
     */
    public enum Positions {
        SINUSOIDAL, SINUSOIDAL_HALVES, LEARNED
    }

    /** Whether positions are a trained table. */
    public boolean learnedPositions() {
        return positions == Positions.LEARNED;
    }

    /** The built-in attention plugins whose {@code heads} and {@code dropout} the stack fills in when a block omits them. */
    private static final Set<String> MULTI_HEAD = Set.of("multi-head", "causal");

    static final List<OptionSpec> SHARED = List.of(
            new OptionSpec("d_model", "int", "512", "model width D (even for sinusoidal positions)"),
            new OptionSpec("heads", "int", "8", "attention heads H of the built-in multi-head blocks; divides d_model"),
            new OptionSpec("layers", "int", "6", "number of layers"),
            new OptionSpec("ffn_dim", "int", "2048", "inner width of the feed-forward network"),
            new OptionSpec("activation", "relu|gelu|swish", "relu", "feed-forward activation (swish = SiLU, x * sigmoid(x))"),
            new OptionSpec("norm", "post|pre", "post", "layer norm after each residual sum (post, as in the paper) or"
                    + " before each sublayer (pre)"),
            new OptionSpec("final_norm", "boolean", "true", "a layer norm after the last layer"),
            new OptionSpec("dropout", "float", "0.1", "dropout on embeddings and on each sublayer's output"),
            new OptionSpec("attention_dropout", "float", "0.0", "dropout on the attention weights (multi-head, causal)"),
            new OptionSpec("positions", "sinusoidal|sinusoidal-halves|learned", "sinusoidal", "positional encodings:"
                    + " sin/cos interleaved, sines then cosines (Marian's layout), or a learned table"),
            new OptionSpec("max_length", "int", "512", "longest sequence (rows of the position table)"),
            new OptionSpec("scale_embeddings", "boolean", "true", "multiply embeddings by sqrt(d_model)"),
            new OptionSpec("norm_eps", "float", "1e-5", "epsilon of every layer norm"));

    /** Reads the shared keys of {@code o}; the caller has checked for unknown keys. */
    static TransformerSettings read(Options o) {
        int d = positive(o, "d_model", 512);
        int heads = positive(o, "heads", 8);
        if (d % heads != 0) {
            throw new ConfigurationException("'" + o.where() + ".heads' (" + heads + ") must divide '" + o.where()
                    + ".d_model' (" + d + ")");
        }
        Positions positions = switch (o.getChoice("positions", "sinusoidal",
                Set.of("sinusoidal", "sinusoidal-halves", "learned"))) {
            case "learned" -> Positions.LEARNED;
            case "sinusoidal-halves" -> Positions.SINUSOIDAL_HALVES;
            default -> Positions.SINUSOIDAL;
        };
        if (positions != Positions.LEARNED && d % 2 != 0) {
            throw new ConfigurationException("'" + o.where() + ".d_model' (" + d + ") must be even for sinusoidal positions");
        }
        Activation act = switch (o.getChoice("activation", "relu", Set.of("relu", "gelu", "swish"))) {
            case "gelu" -> Activation.GELU;
            case "swish" -> Activation.SWISH;
            default -> Activation.RELU;
        };
        double eps = o.getDouble("norm_eps", LayerNorm.DEFAULT_EPS);
        if (!(eps > 0 && eps < 1)) {
            throw new ConfigurationException("'" + o.where() + ".norm_eps' must be in (0, 1), got " + eps);
        }
        boolean pre = o.getChoice("norm", "post", Set.of("post", "pre")).equals("pre");
        return new TransformerSettings(d, heads, positive(o, "layers", 6), positive(o, "ffn_dim", 2048), act, pre,
                o.getBoolean("final_norm", true), probability(o, "dropout", 0.1), probability(o, "attention_dropout", 0.0),
                positions, positive(o, "max_length", 512), o.getBoolean("scale_embeddings", true), (float) eps);
    }

    /** Fails on a key that is neither shared nor in {@code own}, listing the valid ones. */
    static Options checkKeys(Options o, List<OptionSpec> own) {
        List<String> keys = new ArrayList<>(List.of("name"));
        SHARED.forEach(s -> keys.add(s.name()));
        own.forEach(s -> keys.add(s.name()));
        return o.checkKeys(keys);
    }

    /**
     * The attention block under {@code key}, or {@code {name: defaultName}} when absent. For the
     * built-in multi-head variants, {@code heads} and {@code dropout} default to this stack's
     * {@code heads} and {@code attention_dropout}; other plugins get their block unchanged.
     */
    Options attentionBlock(Options o, String key, String defaultName) {
        Options block = o.has(key) ? o.child(key) : Options.of(o.where() + "." + key, Map.of("name", defaultName));
        String name = block.requireString("name");
        if (!MULTI_HEAD.contains(name)) {
            return block;
        }
        Map<String, Object> filled = new LinkedHashMap<>(block.asMap());
        filled.putIfAbsent("heads", heads);
        filled.putIfAbsent("dropout", (double) attentionDropout);
        return Options.of(block.where(), filled);
    }

    private static int positive(Options o, String key, int defaultValue) {
        int v = o.getInt(key, defaultValue);
        if (v <= 0) {
            throw new ConfigurationException("'" + o.where() + "." + key + "' must be positive, got " + v);
        }
        return v;
    }

    private static float probability(Options o, String key, double defaultValue) {
        double p = o.getDouble(key, defaultValue);
        if (!(p >= 0 && p < 1)) {
            throw new ConfigurationException("'" + o.where() + "." + key + "' must be in [0, 1), got " + p);
        }
        return (float) p;
    }
}
