package org.attn4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.attn4j.api.DType;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.model.StepOutput;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;

/**
 * Traces a model into its two graphs by running its own code once on {@link GraphOps}:
 * <ul>
 *   <li>encoder: {@code source_ids [batch, source_length]} to the decoder's initial state
 *       ({@code encode} then {@code initialState}, the mask computed in the graph from PAD);</li>
 *   <li>decoder step: {@code previous_tokens [batch, 1]} and the state to {@code logits
 *       [batch, V]}, the state tensors the step changed, and the attention weights
 *       {@code [batch, source_length]} when the model has them.</li>
 * </ul>
 * No sizes are traced: every batch and length axis is dynamic from the start.
 *
 * <p>When the step's state grows between steps (a Transformer's key/value cache), that traced
 * step becomes {@code decoder_step_cached.onnx}, and {@code decoder_step.onnx} is the uncached
 * step: {@code Decoder.forward} over the whole prefix ({@code prefix} followed by
 * {@code previous_tokens}) against {@code encoded.memory} and {@code encoded.mask}, giving the
 * last position's logits and the grown prefix as {@code next.prefix}. It needs no cache and
 * computes every earlier position again at each step.
 */
final class ModelTracer {
    /** Both graphs and the interface the manifest records. */
    record Traced(ModelProto encoder, ModelProto decoderStep, Manifest.GraphSpec encoderSpec,
            Manifest.GraphSpec decoderSpec, List<String> state, List<String> updatedState, String attentionOutput,
            ModelProto decoderStepCached, Manifest.CachedStep cachedSpec) {
    }

    static final String ENCODER_FILE = "encoder.onnx";
    static final String DECODER_FILE = "decoder_step.onnx";
    static final String DECODER_CACHED_FILE = "decoder_step_cached.onnx";
    /** State names of the uncached step graph. */
    static final String MEMORY = "encoded.memory";
    static final String MASK = "encoded.mask";
    static final String PREFIX = "prefix";

    private ModelTracer() {
    }

    static Traced trace(Seq2SeqModel model, int targetVocabulary, Map<String, String> metadata) {
        Map<Parameter, String> names = new IdentityHashMap<>();
        model.namedParameters().forEach((n, p) -> names.put(p, n));

        OnnxGraph enc = new OnnxGraph("attn4j_encoder");
        GraphOps eops = new GraphOps(enc, names);
        String[] srcDims = {"batch", "source_length"};
        GraphTensor src = enc.input(Manifest.SOURCE_IDS, DType.INT64, new int[] {-1, -1}, srcDims);
        EncoderOutput encoded = model.encoder().encode(eops, src, eops.notEqual(src, Vocabulary.PAD));
        DecoderState initial = model.decoder().initialState(eops, encoded);
        List<Manifest.ValueSpec> encOutputs = new ArrayList<>();
        Map<String, String[]> stateDims = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : initial.tensors().entrySet()) {
            GraphTensor t = GraphOps.t(e.getValue(), "export");
            String[] dims = dims(e.getKey(), t.shape());
            stateDims.put(e.getKey(), dims);
            String out = Manifest.STATE_IN + e.getKey();
            enc.output(out, t, dims);
            encOutputs.add(spec(out, t.dtype(), t.shape(), dims));
        }
        List<Manifest.ValueSpec> encInputs = List.of(spec(Manifest.SOURCE_IDS, DType.INT64, new int[] {-1, -1}, srcDims));

        // State shapes the step graph takes: the encoder's, loosened to dynamic on every axis
        // where a step changes the size (a key/value cache that grows by one position a step).
        Map<String, int[]> stepShapes = new LinkedHashMap<>();
        initial.tensors().forEach((n, t) -> stepShapes.put(n, t.shape()));
        Step step = traceStep(model, names, initial, stepShapes, stateDims, targetVocabulary);
        for (int pass = 0; pass < 4 && step.loosened; pass++) {
            step = traceStep(model, names, initial, stepShapes, stateDims, targetVocabulary);
        }
        if (step.loosened) {
            throw new IllegalStateException("cannot export: the decoder state's shapes do not settle between steps: "
                    + stepShapes.keySet());
        }
        Manifest.GraphSpec stepSpec = new Manifest.GraphSpec(DECODER_FILE, step.inputs, step.outputs);
        String version = Versions.attn4j();
        ModelProto encoderProto;
        if (!stateGrows(model)) {
            encoderProto = enc.build(version, withGraph(metadata, "encoder"));
            Manifest.GraphSpec encSpec = new Manifest.GraphSpec(ENCODER_FILE, encInputs, List.copyOf(encOutputs));
            return new Traced(encoderProto, step.graph.build(version, withGraph(metadata, "decoder_step")), encSpec,
                    stepSpec, List.copyOf(initial.names()), step.updated, step.attention, null, null);
        }
        for (String n : List.of(MEMORY, MASK, PREFIX)) {
            if (initial.names().contains(n)) {
                throw new IllegalStateException("cannot export: the decoder state already has a tensor named '" + n
                        + "', which the uncached step graph needs for itself");
            }
        }
        // The uncached step's state comes from the same encoder graph: the memory, the mask and
        // an empty INT64 prefix [batch, 0].
        Map<String, GraphTensor> uncachedState = new LinkedHashMap<>();
        uncachedState.put(MEMORY, GraphOps.t(encoded.memory(), "export"));
        uncachedState.put(MASK, GraphOps.t(encoded.mask(), "export"));
        uncachedState.put(PREFIX, GraphOps.t(eops.toIds(eops.slice(encoded.mask(), 1, 0, 0)), "export"));
        Map<String, String[]> uncachedDims = new LinkedHashMap<>();
        for (Map.Entry<String, GraphTensor> e : uncachedState.entrySet()) {
            String[] dims = dims(e.getKey(), e.getValue().shape());
            uncachedDims.put(e.getKey(), dims);
            String out = Manifest.STATE_IN + e.getKey();
            enc.output(out, e.getValue(), dims);
            encOutputs.add(spec(out, e.getValue().dtype(), e.getValue().shape(), dims));
        }
        encoderProto = enc.build(version, withGraph(metadata, "encoder"));
        Manifest.GraphSpec encSpec = new Manifest.GraphSpec(ENCODER_FILE, encInputs, List.copyOf(encOutputs));
        Uncached u = traceUncached(model, names, uncachedState, uncachedDims, targetVocabulary);
        Manifest.CachedStep cached = new Manifest.CachedStep(
                new Manifest.GraphSpec(DECODER_CACHED_FILE, step.inputs, step.outputs), List.copyOf(initial.names()),
                step.updated, step.attention);
        return new Traced(encoderProto, u.graph.build(version, withGraph(metadata, "decoder_step")), encSpec, u.spec,
                List.copyOf(uncachedState.keySet()), List.of(PREFIX), null,
                step.graph.build(version, withGraph(metadata, "decoder_step_cached")), cached);
    }

    /**
     * Whether some state tensor changes size from one step to the next (a key/value cache):
     * the model is run eagerly on a two-token source for two steps and the state's shapes
     * compared. Graph shapes cannot tell, as a cache that starts empty may be traced as of
     * unknown length already.
     */
    static boolean stateGrows(Seq2SeqModel model) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        return ops.noGrad(() -> {
            Tensor src = ops.constantIds(new long[] {Vocabulary.UNK, Vocabulary.EOS}, 1, 2);
            EncoderOutput encoded = model.encoder().encode(ops, src, ops.notEqual(src, Vocabulary.PAD));
            DecoderState s0 = model.decoder().initialState(ops, encoded);
            Tensor bos = ops.constantIds(new long[] {Vocabulary.BOS}, 1, 1);
            DecoderState s1 = model.decoder().step(ops, s0, bos, false).state();
            DecoderState s2 = model.decoder().step(ops, s1, bos, false).state();
            for (String n : s1.names()) {
                if (s2.names().contains(n) && !java.util.Arrays.equals(s1.get(n).shape(), s2.get(n).shape())) {
                    return true;
                }
            }
            return false;
        });
    }

    private record Uncached(OnnxGraph graph, Manifest.GraphSpec spec) {
    }

    /** The uncached step: {@code Decoder.forward} over prefix + previous tokens, the last position's logits. */
    private static Uncached traceUncached(Seq2SeqModel model, Map<Parameter, String> names,
            Map<String, GraphTensor> state, Map<String, String[]> stateDims, int targetVocabulary) {
        OnnxGraph dec = new OnnxGraph("attn4j_decoder_step");
        GraphOps ops = new GraphOps(dec, names);
        List<Manifest.ValueSpec> inputs = new ArrayList<>();
        String[] prevDims = {"batch", null};
        GraphTensor prev = dec.input(Manifest.PREVIOUS_TOKENS, DType.INT64, new int[] {-1, 1}, prevDims);
        inputs.add(spec(Manifest.PREVIOUS_TOKENS, DType.INT64, new int[] {-1, 1}, prevDims));
        Map<String, GraphTensor> in = new LinkedHashMap<>();
        for (Map.Entry<String, GraphTensor> e : state.entrySet()) {
            int[] shape = e.getValue().shape().clone();
            for (int i = 1; i < shape.length && e.getKey().equals(PREFIX); i++) {
                shape[i] = -1; // the prefix grows by one token a step
            }
            String name = Manifest.STATE_IN + e.getKey();
            String[] dims = stateDims.get(e.getKey());
            in.put(e.getKey(), dec.input(name, e.getValue().dtype(), shape, dims));
            inputs.add(spec(name, e.getValue().dtype(), shape, dims));
        }
        Tensor target = ops.concat(1, in.get(PREFIX), prev); // [B, t + 1]
        Tensor all = model.decoder().forward(ops, new EncoderOutput(in.get(MEMORY), in.get(MASK), Map.of()), target);
        GraphTensor logits = GraphOps.t(ops.squeeze(ops.slice(all, 1, -1, Long.MAX_VALUE), 1), "export");
        if (logits.rank() != 2 || logits.dim(1) != targetVocabulary) {
            throw new IllegalStateException("cannot export: the decoder's forward gives logits of shape "
                    + java.util.Arrays.toString(all.shape()) + ", expected [batch, length, " + targetVocabulary + "]");
        }
        List<Manifest.ValueSpec> outputs = new ArrayList<>();
        String[] logitDims = {"batch", null};
        dec.output(Manifest.LOGITS, logits, logitDims);
        outputs.add(spec(Manifest.LOGITS, DType.FLOAT32, logits.shape(), logitDims));
        GraphTensor grown = GraphOps.t(target, "export");
        String[] prefixDims = stateDims.get(PREFIX);
        dec.output(Manifest.STATE_OUT + PREFIX, grown, prefixDims);
        outputs.add(spec(Manifest.STATE_OUT + PREFIX, DType.INT64, new int[] {-1, -1}, prefixDims));
        return new Uncached(dec, new Manifest.GraphSpec(DECODER_FILE, inputs, outputs));
    }

    /** One trace of the step graph; {@code loosened} when a state size changed and the trace must be redone. */
    private record Step(OnnxGraph graph, List<Manifest.ValueSpec> inputs, List<Manifest.ValueSpec> outputs,
            List<String> updated, String attention, boolean loosened) {
    }

    private static Step traceStep(Seq2SeqModel model, Map<Parameter, String> names, DecoderState initial,
            Map<String, int[]> stepShapes, Map<String, String[]> stateDims, int targetVocabulary) {
        OnnxGraph dec = new OnnxGraph("attn4j_decoder_step");
        boolean loosened = false;
        GraphOps dops = new GraphOps(dec, names);
        List<Manifest.ValueSpec> decInputs = new ArrayList<>();
        String[] prevDims = {"batch", null};
        GraphTensor prev = dec.input(Manifest.PREVIOUS_TOKENS, DType.INT64, new int[] {-1, 1}, prevDims);
        decInputs.add(spec(Manifest.PREVIOUS_TOKENS, DType.INT64, new int[] {-1, 1}, prevDims));
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : initial.tensors().entrySet()) {
            GraphTensor t = (GraphTensor) e.getValue();
            String in = Manifest.STATE_IN + e.getKey();
            String[] dims = stateDims.get(e.getKey());
            int[] shape = stepShapes.get(e.getKey());
            inputs.put(e.getKey(), dec.input(in, t.dtype(), shape, dims));
            decInputs.add(spec(in, t.dtype(), shape, dims));
        }
        StepOutput step = model.decoder().step(dops, DecoderState.of(inputs), prev, true);
        Set<String> before = inputs.keySet();
        if (!step.state().names().equals(before)) {
            throw new IllegalStateException("cannot export: the decoder step changes the state's names from " + before
                    + " to " + step.state().names() + "; the step graph needs the same state in and out");
        }
        List<Manifest.ValueSpec> decOutputs = new ArrayList<>();
        GraphTensor logits = GraphOps.t(step.logits(), "export");
        String[] logitDims = {"batch", null};
        if (logits.rank() != 2 || logits.dim(1) != targetVocabulary) {
            throw new IllegalStateException("cannot export: the decoder step's logits have shape "
                    + java.util.Arrays.toString(logits.shape()) + ", expected [batch, " + targetVocabulary + "]");
        }
        dec.output(Manifest.LOGITS, logits, logitDims);
        decOutputs.add(spec(Manifest.LOGITS, DType.FLOAT32, logits.shape(), logitDims));
        List<String> updated = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : step.state().tensors().entrySet()) {
            if (e.getValue() == inputs.get(e.getKey())) {
                continue; // passes through: the runtime keeps its copy
            }
            GraphTensor t = GraphOps.t(e.getValue(), "export");
            GraphTensor in = (GraphTensor) inputs.get(e.getKey());
            if (t.dtype() != in.dtype() || t.rank() != in.rank()) {
                throw new IllegalStateException("cannot export: state '" + e.getKey() + "' enters the step as " + in
                        + " and leaves it as " + t);
            }
            int[] shape = stepShapes.get(e.getKey());
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] >= 0 && t.dim(i) != shape[i]) {
                    shape[i] = -1;
                    loosened = true;
                }
            }
            String out = Manifest.STATE_OUT + e.getKey();
            String[] dims = stateDims.get(e.getKey());
            dec.output(out, t, dims);
            decOutputs.add(spec(out, t.dtype(), shape, dims));
            updated.add(e.getKey());
        }
        String attention = null;
        if (step.attention() != null) {
            GraphTensor a = GraphOps.t(step.attention(), "export");
            String[] dims = {"batch", "source_length"};
            dec.output(Manifest.ATTENTION, a, dims);
            decOutputs.add(spec(Manifest.ATTENTION, DType.FLOAT32, a.shape(), dims));
            attention = Manifest.ATTENTION;
        }
        return new Step(dec, decInputs, decOutputs, updated, attention, loosened);
    }

    private static Map<String, String> withGraph(Map<String, String> metadata, String graph) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put("attn4j.graph", graph);
        return m;
    }

    /** Names for the dynamic axes of state {@code name}: axis 0 is the batch. */
    private static String[] dims(String name, int[] shape) {
        String[] d = new String[shape.length];
        for (int i = 0; i < shape.length; i++) {
            d[i] = i == 0 ? "batch" : name + "_axis" + i;
        }
        return d;
    }

    static Manifest.ValueSpec spec(String name, DType type, int[] shape, String[] dims) {
        List<Object> s = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            s.add(shape[i] >= 0 ? (Object) shape[i] : dims[i]);
        }
        return new Manifest.ValueSpec(name, type == DType.FLOAT32 ? "float32" : "int64", s);
    }
}
