package org.attn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.generate.StepFunction;
import org.attn4j.core.generate.StepScores;

/**
 * A {@link StepFunction} over the encoder and decoder-step sessions, so greedy, beam and
 * sampling search decode exactly as on the Java backend. The state lives on the host in direct
 * buffers ({@link HostTensor}); each step wraps them without copying, runs the step graph,
 * copies the logits and the updated state tensors out, and closes every ORT value it made.
 * Sources are padded with {@link Vocabulary#PAD}. Not thread-safe: one per search.
 */
final class OnnxStepFunction implements StepFunction<OnnxStepFunction.State> {
    /** The decoder state: one host tensor per manifest state name, axis 0 the rows. */
    record State(Map<String, HostTensor> tensors) {
    }

    private final OnnxModel model;
    private final Manifest manifest;
    private final OnnxModel.StepGraph graph;
    private final Set<String> updated;
    private final Set<String> stepOutputs;

    OnnxStepFunction(OnnxModel model, OnnxModel.StepGraph graph) {
        this.model = model;
        this.manifest = model.manifest();
        this.graph = graph;
        this.updated = new HashSet<>(graph.updatedState());
        this.stepOutputs = new HashSet<>();
        stepOutputs.add(Manifest.LOGITS);
        for (String n : graph.updatedState()) {
            stepOutputs.add(Manifest.STATE_OUT + n);
        }
    }

    @Override
    public int vocabularySize() {
        return manifest.targetVocabularySize();
    }

    @Override
    public State encode(int[][] sources) {
        model.checkOpen();
        int b = sources.length;
        int s = 0;
        for (int[] src : sources) {
            s = Math.max(s, src.length);
        }
        long[] ids = new long[b * s];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < sources[r].length; j++) {
                ids[r * s + j] = sources[r][j];
            }
        }
        try (OnnxTensor in = HostTensor.ofIds(ids, b, s).wrap(model.env());
                OrtSession.Result out = model.encoder().run(Map.of(Manifest.SOURCE_IDS, in))) {
            Map<String, HostTensor> state = new LinkedHashMap<>();
            for (String name : graph.state()) {
                state.put(name, HostTensor.copyOf(tensor(out, Manifest.STATE_IN + name)));
            }
            return new State(state);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed running " + manifest.encoder().file() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StepScores<State> step(State state, int[] previous, boolean withAttention) {
        model.checkOpen();
        long[] prev = new long[previous.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = previous[i];
        }
        boolean attention = withAttention && graph.attentionOutput() != null;
        Set<String> wanted = stepOutputs;
        if (attention) {
            wanted = new HashSet<>(stepOutputs);
            wanted.add(graph.attentionOutput());
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(Manifest.PREVIOUS_TOKENS, HostTensor.ofIds(prev, prev.length, 1).wrap(model.env()));
            for (Map.Entry<String, HostTensor> e : state.tensors().entrySet()) {
                inputs.put(Manifest.STATE_IN + e.getKey(), e.getValue().wrap(model.env()));
            }
            try (OrtSession.Result out = graph.session().run(inputs, wanted)) {
                float[] logits = floats(tensor(out, Manifest.LOGITS));
                float[] weights = null;
                int sourceLength = 0;
                if (attention) {
                    OnnxTensor a = tensor(out, graph.attentionOutput());
                    weights = floats(a);
                    sourceLength = (int) a.getInfo().getShape()[1];
                }
                Map<String, HostTensor> next = new LinkedHashMap<>();
                for (Map.Entry<String, HostTensor> e : state.tensors().entrySet()) {
                    next.put(e.getKey(), updated.contains(e.getKey())
                            ? HostTensor.copyOf(tensor(out, Manifest.STATE_OUT + e.getKey())) : e.getValue());
                }
                return new StepScores<>(logits, manifest.targetVocabularySize(), weights, sourceLength, new State(next));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed running " + graph.spec().file() + ": "
                    + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxValue::close);
        }
    }

    @Override
    public State reorder(State state, int[] rows) {
        Map<String, HostTensor> next = new LinkedHashMap<>();
        state.tensors().forEach((n, t) -> next.put(n, t.rows(rows)));
        return new State(next);
    }

    private static OnnxTensor tensor(OrtSession.Result out, String name) {
        return (OnnxTensor) out.get(name).orElseThrow(() -> new IllegalStateException("the graph returned no '" + name + "'"));
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer fb = t.getFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return v;
    }
}
