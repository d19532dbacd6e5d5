package org.attn4j.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;

/**
 * {@code onnx/manifest.json}: what a runtime needs to drive the exported graphs without the
 * Java model. Written by export, read and checked against the graphs when the {@code onnx}
 * backend opens a model.
 *
 * <p>The decoder state is the contract between the graphs: the encoder outputs
 * {@code state.<name>} for every name in {@code state}; the step graph takes
 * {@code previous_tokens} and every {@code state.<name>}, and outputs {@code logits},
 * {@code next.<name>} for each name in {@code updated_state} (the others pass through
 * unchanged, so the runtime keeps them), and {@code attention} when {@code attention_output}
 * is set. Axis 0 of every state tensor is the batch (beam search reorders it).
 *
 * <p>A model whose step state grows from step to step (a Transformer's key/value cache) has a
 * second step graph, {@code decoder_step_cached} ({@link CachedStep}), which takes and returns
 * that cache; its own {@code state} and {@code updated_state} follow the same contract. Its
 * {@code decoder_step} is then the uncached step: the decoder over the whole prefix, with the
 * state {@code encoded.memory}, {@code encoded.mask} and {@code prefix} (see the docs). The
 * encoder outputs the state of both.
 *
 * <p>An export made with the forward graph ({@code attn4j export --forward}) lists it under
 * {@code forward}: inputs {@code src} {@code [batch, src_len]} and {@code tgt_in}
 * {@code [batch, tgt_len]} (INT64), output {@code logits} {@code [batch, tgt_len, V]}, the
 * teacher-forced forward (see {@link OnnxForward}). The section is optional: a manifest without
 * it (an older export, or one made without {@code --forward}) reads as before.
 *
 * @param format               always {@value #FORMAT}
 * @param formatVersion        {@value #VERSION}
 * @param opset                the ONNX opset both graphs import
 * @param attn4jVersion        the attn4j version that exported them
 * @param checkpointSha256     SHA-256 of the {@code weights.safetensors} they were exported from
 * @param specialTokens        pad, unk, bos, eos ids
 * @param sourceVocabularySize source vocabulary size (ids are below it)
 * @param targetVocabularySize V, the last dimension of {@code logits}
 * @param encoder              the encoder graph
 * @param decoderStep          the decoder-step graph
 * @param state                decoder state names, in order
 * @param updatedState         the names the step graph outputs as {@code next.<name>}
 * @param attentionOutput      the step graph's attention output name, or null when the model has none
 * @param decoderStepCached    the cached step graph, or null when the model's state does not grow
 * @param forward              the teacher-forced forward graph, or null when it was not exported
 * @param quantization         how the graphs' weights were quantized ({@code export --quantize int8}), or null
 *                             for a float export; the graphs' interface is the same either way
 */
public record Manifest(String format, int formatVersion, int opset, String attn4jVersion, String checkpointSha256,
        Map<String, Integer> specialTokens, int sourceVocabularySize, int targetVocabularySize, GraphSpec encoder,
        GraphSpec decoderStep, List<String> state, List<String> updatedState, String attentionOutput,
        CachedStep decoderStepCached, GraphSpec forward, Quantization quantization) {

    public static final String FORMAT = "attn4j-onnx";
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String SOURCE_IDS = "source_ids";
    public static final String PREVIOUS_TOKENS = "previous_tokens";
    public static final String LOGITS = "logits";
    public static final String ATTENTION = "attention";
    public static final String STATE_IN = "state.";
    public static final String STATE_OUT = "next.";

    /**
     * One graph file and its interface.
     *
     * @param file    the file name inside {@code onnx/}
     * @param inputs  graph inputs, in order
     * @param outputs graph outputs, in order
     */
    public record GraphSpec(String file, List<ValueSpec> inputs, List<ValueSpec> outputs) {
    }

    /**
     * The step graph that carries a growing cache ({@code decoder_step_cached.onnx}), with the
     * same contract as {@code decoder_step}: inputs {@code previous_tokens} and
     * {@code state.<name>} for every name in {@code state}, outputs {@code logits} and
     * {@code next.<name>} for every name in {@code updatedState}.
     *
     * @param graph           the graph file and its interface
     * @param state           the state names it takes, in order
     * @param updatedState    the names it outputs as {@code next.<name>}
     * @param attentionOutput its attention output name, or null
     */
    public record CachedStep(GraphSpec graph, List<String> state, List<String> updatedState, String attentionOutput) {
    }

    /**
     * The quantization of an {@code export --quantize int8}: what was done to the weights and the
     * activations, and how many tensors and uses, summed over the graph files.
     *
     * @param scheme           {@value #INT8}
     * @param weights          how weights are stored ({@value #INT8_WEIGHTS})
     * @param activations      how a quantized matmul's input is quantized ({@value #INT8_ACTIVATIONS})
     * @param tensors          weight tensors stored as int8 (a parameter counts once per graph that holds it)
     * @param integerMatmuls   matmuls rewritten to {@code DynamicQuantizeLinear} + {@code MatMulInteger}
     * @param int8Gathers      embedding lookups that gather int8 rows and their scales
     * @param dequantized      int8 weights turned back to float by {@code DequantizeLinear} for the ops
     *                         that need float (GRU/LSTM weights): smaller files, float arithmetic
     */
    public record Quantization(String scheme, String weights, String activations, int tensors, int integerMatmuls,
            int int8Gathers, int dequantized) {
        public static final String INT8 = "int8";
        public static final String INT8_WEIGHTS = "int8, symmetric, one scale per output channel (row)";
        public static final String INT8_ACTIVATIONS = "uint8, dynamic (DynamicQuantizeLinear), per tensor";
    }

    /**
     * A graph input or output.
     *
     * @param name  the ONNX value name
     * @param type  {@code float32} or {@code int64}
     * @param shape one entry per axis: a size, or the name of a dynamic axis ({@code batch}, ...)
     */
    public record ValueSpec(String name, String type, List<Object> shape) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Pretty-printed JSON. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest as JSON", e);
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ModelFormatException naming the file when it is missing, not JSON, of another
     *         format or version, or incomplete
     */
    public static Manifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; the onnx/ directory is incomplete (export again with"
                    + " attn4j export --model DIR)");
        }
        Manifest m;
        try {
            m = JSON.readValue(file.toFile(), Manifest.class);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file + ": not a valid attn4j ONNX manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format) || m.formatVersion != VERSION) {
            throw new ModelFormatException(file + ": format '" + m.format + "' version " + m.formatVersion
                    + " is not " + FORMAT + " version " + VERSION);
        }
        if (m.encoder == null || m.decoderStep == null || m.state == null || m.updatedState == null
                || m.specialTokens == null) {
            throw new ModelFormatException(file + ": incomplete manifest: encoder, decoder_step, state, updated_state and"
                    + " special_tokens are required");
        }
        CachedStep c = m.decoderStepCached;
        if (c != null && (c.graph() == null || c.state() == null || c.updatedState() == null)) {
            throw new ModelFormatException(file + ": incomplete manifest: decoder_step_cached needs graph, state and"
                    + " updated_state");
        }
        GraphSpec f = m.forward;
        if (f != null && (f.file() == null || f.inputs() == null || f.outputs() == null)) {
            throw new ModelFormatException(file + ": incomplete manifest: forward needs file, inputs and outputs");
        }
        Quantization q = m.quantization;
        if (q != null && !Quantization.INT8.equals(q.scheme())) {
            throw new ModelFormatException(file + ": unknown quantization scheme '" + q.scheme() + "' (known: "
                    + Quantization.INT8 + ")");
        }
        return m;
    }
}
