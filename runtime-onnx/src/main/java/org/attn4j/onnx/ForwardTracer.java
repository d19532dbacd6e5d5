package org.attn4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.DType;
import org.attn4j.api.Parameter;
import org.attn4j.api.UnknownDimensionException;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;

/**
 * Traces a model's teacher-forced forward, {@link Seq2SeqModel#logits}, into one graph
 * ({@code forward.onnx}) with the interface of the PyTorch exports in {@code shared/bench}:
 * <ul>
 *   <li>input {@value #SRC}: INT64 {@code [batch, src_len]}, source ids (PAD = 0 where padded);</li>
 *   <li>input {@value #TGT_IN}: INT64 {@code [batch, tgt_len]}, target inputs (BOS first);</li>
 *   <li>output {@value #LOGITS}: FLOAT32 {@code [batch, tgt_len, V]}.</li>
 * </ul>
 * The source mask is computed in the graph from the PAD id, as the Java side does
 * ({@code notEqual(src, PAD)}); no batch or source length is traced.
 *
 * <p>A decoder whose teacher forcing runs in one pass (the Transformer) is traced with a dynamic
 * target length. A decoder that loops over the target in Java (the RNN decoder, which needs to
 * know T) cannot be: its forward refuses a target of unknown length with an
 * {@link UnknownDimensionException} (any other error fails the export), and the trace is then
 * repeated with {@code tgt_len} fixed at {@code fixedTargetLength}, which unrolls its loop into
 * that many copies of the step. Such a graph accepts only that target length (ORT refuses
 * another, naming the input), which suits a fixed-length forward such as the W5 benchmark. The
 * spec returned says which case it is: axis 1 of {@value #TGT_IN} is a number or
 * {@code "tgt_len"}.
 */
final class ForwardTracer {
    static final String FILE = "forward.onnx";
    static final String SRC = "src";
    static final String TGT_IN = "tgt_in";
    static final String LOGITS = Manifest.LOGITS;

    /** The graph and its interface. */
    record Traced(ModelProto graph, Manifest.GraphSpec spec) {
    }

    private ForwardTracer() {
    }

    /**
     * @param fixedTargetLength the target length to unroll over when the decoder needs a known one
     * @throws IllegalStateException naming both attempts when the forward can be traced neither
     *         with a dynamic nor with a fixed target length (the dynamic trace failing only for
     *         want of a known target length; another error is thrown as it is), or when the logits are not
     *         {@code [batch, tgt_len, targetVocabulary]}
     */
    static Traced trace(Seq2SeqModel model, int targetVocabulary, int fixedTargetLength, Map<String, String> metadata) {
        if (fixedTargetLength < 1) {
            throw new IllegalArgumentException("the fixed target length of the forward graph must be at least 1, got "
                    + fixedTargetLength);
        }
        Map<Parameter, String> names = new IdentityHashMap<>();
        model.namedParameters().forEach((n, p) -> names.put(p, n));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("attn4j.graph", "forward");
        try {
            return traceOnce(model, names, targetVocabulary, -1, meta);
        } catch (UnknownDimensionException dynamic) {
            try {
                return traceOnce(model, names, targetVocabulary, fixedTargetLength, meta);
            } catch (RuntimeException fixed) {
                IllegalStateException e = new IllegalStateException("cannot export the forward graph: with a dynamic"
                        + " target length: " + dynamic.getMessage() + "; with the target length fixed at "
                        + fixedTargetLength + ": " + fixed.getMessage(), fixed);
                e.addSuppressed(dynamic);
                throw e;
            }
        }
    }

    private static Traced traceOnce(Seq2SeqModel model, Map<Parameter, String> names, int targetVocabulary,
            int targetLength, Map<String, String> meta) {
        OnnxGraph g = new OnnxGraph("attn4j_forward");
        GraphOps ops = new GraphOps(g, names);
        String[] srcDims = {"batch", "src_len"};
        String[] tgtDims = {"batch", "tgt_len"};
        int[] srcShape = {-1, -1};
        int[] tgtShape = {-1, targetLength};
        GraphTensor src = g.input(SRC, DType.INT64, srcShape, srcDims);
        GraphTensor tgt = g.input(TGT_IN, DType.INT64, tgtShape, tgtDims);
        GraphTensor logits = GraphOps.t(model.logits(ops, src, ops.notEqual(src, Vocabulary.PAD), tgt), "export");
        if (logits.rank() != 3 || logits.dim(2) != targetVocabulary
                || (targetLength >= 0 && logits.dim(1) >= 0 && logits.dim(1) != targetLength)) {
            throw new IllegalStateException("the model's logits have shape " + Arrays.toString(logits.shape())
                    + ", expected [batch, tgt_len, " + targetVocabulary + "]");
        }
        String[] logitDims = {"batch", "tgt_len", null};
        g.output(LOGITS, logits, logitDims);
        Manifest.GraphSpec spec = new Manifest.GraphSpec(FILE,
                List.of(ModelTracer.spec(SRC, DType.INT64, srcShape, srcDims),
                        ModelTracer.spec(TGT_IN, DType.INT64, tgtShape, tgtDims)),
                List.of(ModelTracer.spec(LOGITS, DType.FLOAT32, logits.shape(), logitDims)));
        return new Traced(g.build(Versions.attn4j(), meta), spec);
    }
}
