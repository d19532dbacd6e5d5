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
 * graph (for each step graph, the cached one included). Every message names the manifest, the
 * graph file and the value.
 */
final class ManifestCheck {
    private ManifestCheck() {
    }

    static void check(Path dir, Manifest m, OrtSession encoder, OrtSession decoder, OrtSession decoderCached)
            throws OrtException {
        Path manifest = dir.resolve(Manifest.FILE);
        List<String> problems = new ArrayList<>();
        compare(problems, dir, m.encoder(), "input", m.encoder().inputs(), encoder.getInputInfo());
        compare(problems, dir, m.encoder(), "output", m.encoder().outputs(), encoder.getOutputInfo());
        if (!names(m.encoder().inputs()).equals(Set.of(Manifest.SOURCE_IDS))) {
            problems.add("the encoder must take '" + Manifest.SOURCE_IDS + "' alone");
        }
        stepGraph(problems, dir, m, m.decoderStep(), m.state(), m.updatedState(), m.attentionOutput(), decoder);
        Manifest.CachedStep c = m.decoderStepCached();
        if (c != null && decoderCached != null) {
            stepGraph(problems, dir, m, c.graph(), c.state(), c.updatedState(), c.attentionOutput(), decoderCached);
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(manifest + " does not match the graphs beside it: " + String.join("; ", problems));
        }
    }

    /** One step graph against the manifest and its state contract with the encoder. */
    private static void stepGraph(List<String> problems, Path dir, Manifest m, Manifest.GraphSpec spec,
            List<String> state, List<String> updatedState, String attentionOutput, OrtSession decoder)
            throws OrtException {
        compare(problems, dir, spec, "input", spec.inputs(), decoder.getInputInfo());
        compare(problems, dir, spec, "output", spec.outputs(), decoder.getOutputInfo());
        Set<String> encOut = names(m.encoder().outputs());
        Set<String> decIn = names(spec.inputs());
        Set<String> decOut = names(spec.outputs());
        for (String s : state) {
            if (!encOut.contains(Manifest.STATE_IN + s) || !decIn.contains(Manifest.STATE_IN + s)) {
                problems.add("state '" + s + "' must be an output of " + m.encoder().file() + " and an input of "
                        + spec.file() + " as '" + Manifest.STATE_IN + s + "'");
            }
        }
        for (String s : updatedState) {
            if (!state.contains(s) || !decOut.contains(Manifest.STATE_OUT + s)) {
                problems.add("updated state '" + s + "' must be a state name and an output of " + spec.file()
                        + " as '" + Manifest.STATE_OUT + s + "'");
            }
        }
        if (!decIn.contains(Manifest.PREVIOUS_TOKENS) || !decOut.contains(Manifest.LOGITS)) {
            problems.add(spec.file() + " must take '" + Manifest.PREVIOUS_TOKENS + "' and return '" + Manifest.LOGITS
                    + "'");
        }
        if (attentionOutput != null && !decOut.contains(attentionOutput)) {
            problems.add("attention_output '" + attentionOutput + "' is not an output of " + spec.file());
        }
        Map<String, NodeInfo> outs = decoder.getOutputInfo();
        if (outs.get(Manifest.LOGITS) != null && outs.get(Manifest.LOGITS).getInfo() instanceof TensorInfo t
                && t.getShape().length == 2 && t.getShape()[1] != m.targetVocabularySize()) {
            problems.add(spec.file() + ": logits have " + t.getShape()[1] + " columns but target_vocabulary_size is "
                    + m.targetVocabularySize());
        }
    }

    /**
     * Checks a forward graph ({@code forward.onnx}) against its interface {@code spec}: the same
     * names, types, ranks and fixed sizes, inputs exactly {@code src} and {@code tgt_in} (INT64
     * {@code [batch, length]}), output {@code logits} FLOAT32 {@code [batch, tgt_len, V]} with V
     * {@code targetVocabulary} and, when the target length is fixed, the same length in both.
     *
     * @throws ModelFormatException naming the file and every mismatch
     */
    static void checkForward(Path file, Manifest.GraphSpec spec, int targetVocabulary, OrtSession session)
            throws OrtException {
        List<String> problems = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        Map<String, NodeInfo> ins = session.getInputInfo();
        Map<String, NodeInfo> outs = session.getOutputInfo();
        compare(problems, dir, spec, "input", spec.inputs(), ins);
        compare(problems, dir, spec, "output", spec.outputs(), outs);
        if (!ins.keySet().equals(Set.of(ForwardTracer.SRC, ForwardTracer.TGT_IN))
                || !outs.keySet().equals(Set.of(ForwardTracer.LOGITS))) {
            problems.add("a forward graph takes '" + ForwardTracer.SRC + "' and '" + ForwardTracer.TGT_IN
                    + "' and returns '" + ForwardTracer.LOGITS + "', this one takes " + ins.keySet().stream().sorted().toList()
                    + " and returns " + outs.keySet().stream().sorted().toList());
        } else {
            long[] src = shape(ins.get(ForwardTracer.SRC));
            long[] tgt = shape(ins.get(ForwardTracer.TGT_IN));
            long[] logits = shape(outs.get(ForwardTracer.LOGITS));
            if (src == null || src.length != 2 || tgt == null || tgt.length != 2 || logits == null || logits.length != 3) {
                problems.add("the forward graph's inputs must be [batch, length] and its logits [batch, tgt_len, V]");
            } else {
                if (logits[2] != targetVocabulary) {
                    problems.add("logits have " + logits[2] + " columns but the target vocabulary has " + targetVocabulary);
                }
                if (tgt[1] >= 0 && logits[1] >= 0 && tgt[1] != logits[1]) {
                    problems.add("tgt_in has length " + tgt[1] + " but the logits have " + logits[1] + " positions");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(file + " is not the forward graph expected: " + String.join("; ", problems));
        }
    }

    private static long[] shape(NodeInfo info) {
        return info.getInfo() instanceof TensorInfo t ? t.getShape() : null;
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
