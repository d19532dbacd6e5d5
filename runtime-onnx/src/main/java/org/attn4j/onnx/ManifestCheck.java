package org.attn4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ModelFormatException;

/**
 * Checks that the manifest describes the graphs it sits beside: the same input and output
 * names, element types, ranks and fixed sizes, and the state contract between encoder and step
 * graph. Every message names the manifest, the graph file and the value.
 */
final class ManifestCheck {
    private ManifestCheck() {
    }

    static void check(Path dir, Manifest m, OrtSession encoder, OrtSession decoder) throws OrtException {
        Path manifest = dir.resolve(Manifest.FILE);
        List<String> problems = new ArrayList<>();
        compare(problems, dir, m.encoder(), "input", m.encoder().inputs(), encoder.getInputInfo());
        compare(problems, dir, m.encoder(), "output", m.encoder().outputs(), encoder.getOutputInfo());
        compare(problems, dir, m.decoderStep(), "input", m.decoderStep().inputs(), decoder.getInputInfo());
        compare(problems, dir, m.decoderStep(), "output", m.decoderStep().outputs(), decoder.getOutputInfo());
        Set<String> encOut = names(m.encoder().outputs());
        Set<String> decIn = names(m.decoderStep().inputs());
        Set<String> decOut = names(m.decoderStep().outputs());
        for (String s : m.state()) {
            if (!encOut.contains(Manifest.STATE_IN + s) || !decIn.contains(Manifest.STATE_IN + s)) {
                problems.add("state '" + s + "' must be an output of " + m.encoder().file() + " and an input of "
                        + m.decoderStep().file() + " as '" + Manifest.STATE_IN + s + "'");
            }
        }
        for (String s : m.updatedState()) {
            if (!m.state().contains(s) || !decOut.contains(Manifest.STATE_OUT + s)) {
                problems.add("updated state '" + s + "' must be a state name and an output of " + m.decoderStep().file()
                        + " as '" + Manifest.STATE_OUT + s + "'");
            }
        }
        if (!decIn.contains(Manifest.PREVIOUS_TOKENS) || !decOut.contains(Manifest.LOGITS)
                || !names(m.encoder().inputs()).equals(Set.of(Manifest.SOURCE_IDS))) {
            problems.add("the graphs must take '" + Manifest.SOURCE_IDS + "' and '" + Manifest.PREVIOUS_TOKENS
                    + "' and return '" + Manifest.LOGITS + "'");
        }
        if (m.attentionOutput() != null && !decOut.contains(m.attentionOutput())) {
            problems.add("attention_output '" + m.attentionOutput() + "' is not an output of " + m.decoderStep().file());
        }
        Map<String, NodeInfo> outs = decoder.getOutputInfo();
        if (outs.get(Manifest.LOGITS) != null && outs.get(Manifest.LOGITS).getInfo() instanceof TensorInfo t
                && t.getShape().length == 2 && t.getShape()[1] != m.targetVocabularySize()) {
            problems.add("logits have " + t.getShape()[1] + " columns but target_vocabulary_size is "
                    + m.targetVocabularySize());
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(manifest + " does not match the graphs beside it: " + String.join("; ", problems));
        }
    }

    private static Set<String> names(List<Manifest.ValueSpec> specs) {
        Set<String> s = new HashSet<>();
        specs.forEach(v -> s.add(v.name()));
        return s;
    }

    private static void compare(List<String> problems, Path dir, Manifest.GraphSpec graph, String kind,
            List<Manifest.ValueSpec> listed, Map<String, NodeInfo> actual) {
        String file = dir.resolve(graph.file()).getFileName().toString();
        if (!names(listed).equals(actual.keySet())) {
            problems.add("the manifest lists " + kind + "s " + names(listed).stream().sorted().toList() + " for " + file
                    + ", which has " + actual.keySet().stream().sorted().toList());
            return;
        }
        for (Manifest.ValueSpec v : listed) {
            if (!(actual.get(v.name()).getInfo() instanceof TensorInfo t)) {
                problems.add(file + " " + kind + " '" + v.name() + "' is not a tensor");
                continue;
            }
            OnnxJavaType want = "float32".equals(v.type()) ? OnnxJavaType.FLOAT
                    : "int64".equals(v.type()) ? OnnxJavaType.INT64 : null;
            long[] shape = t.getShape();
            if (want != t.type || v.shape() == null || v.shape().size() != shape.length) {
                problems.add(file + " " + kind + " '" + v.name() + "' is " + t.type + " " + java.util.Arrays.toString(shape)
                        + " but the manifest says " + v.type() + " " + v.shape());
                continue;
            }
            for (int i = 0; i < shape.length; i++) {
                Object d = v.shape().get(i);
                if (d instanceof Number n && shape[i] >= 0 && n.longValue() != shape[i]) {
                    problems.add(file + " " + kind + " '" + v.name() + "' has size " + shape[i] + " on axis " + i
                            + " but the manifest says " + n);
                }
            }
        }
    }
}
