package org.attn4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an exported graph to int8 ({@code attn4j export --quantize int8}). Every float
 * parameter initializer of rank &ge; 2 with at least {@value #MIN_ELEMENTS} elements is stored
 * as int8 with one symmetric scale per row ({@code scale = max|row| / 127}, zero point 0; the
 * row of a rank-3 tensor such as a GRU's {@code W [dirs, 3H, in]} is its last axis), and its
 * uses become:
 * <ul>
 * <li>{@code MatMul(x, Transpose(W))} (a linear layer, the output projection, tied or not):
 *     {@code DynamicQuantizeLinear(x)}, {@code MatMulInteger(x_u8, Transpose(W_s8), x_zp)},
 *     {@code Cast} to float and {@code Mul} by {@code Mul(x_scale, w_scale)}: the row of
 *     {@code W [out, in]} is an output channel, so {@code w_scale [out]} scales the output's
 *     columns. ONNX Runtime folds the transpose of the initializer and fuses the chain, with the
 *     following bias {@code Add}, into its {@code DynamicQuantizeMatMul} kernel;</li>
 * <li>{@code Gather(W, ids)} (an embedding lookup): {@code Gather(W_s8, ids)}, {@code Cast},
 *     {@code Mul} by {@code Unsqueeze(Gather(w_scale, ids), -1)}; a tied table shares one int8
 *     copy and one scale vector with the projection above;</li>
 * <li>anything else (a GRU/LSTM's weights, a matmul the pattern does not fit):
 *     {@code DequantizeLinear(W_s8, w_scale, axis 0)} (and a {@code Reshape} back for rank 3),
 *     whose output keeps the initializer's name, so those consumers are unchanged and compute
 *     in float (weight-only quantization: the file shrinks, the arithmetic does not change).</li>
 * </ul>
 * Biases, norms and other small or 1-D tensors stay float. The graph's inputs and outputs do
 * not change, so the manifest and the runtime are the same as for a float export. Stateless.
 */
final class OnnxQuantizer {
    /** Tensors smaller than this stay float: they do not matter for the size. */
    static final int MIN_ELEMENTS = 256;
    /** The symmetric int8 range used: [-127, 127] (-128 is left out so that the range is symmetric). */
    static final int QMAX = 127;

    private OnnxQuantizer() {
    }

    /** What one rewrite did: how many weight tensors, and how each kind of use was rewritten. */
    record Counts(int tensors, int integerMatmuls, int int8Gathers, int dequantized) {
        Counts plus(Counts o) {
            return new Counts(tensors + o.tensors, integerMatmuls + o.integerMatmuls, int8Gathers + o.int8Gathers,
                    dequantized + o.dequantized);
        }
    }

    /** The rewritten model and what was done. */
    record Result(ModelProto model, Counts counts) {
    }

    /** One int8 weight: the int8 initializer and its per-row scale, by name. */
    private record Quantized(String values, String scale, int[] shape) {
    }

    /**
     * Quantizes {@code model}; {@code parameters} names the initializers that are model
     * parameters (constants such as positional tables stay float).
     */
    static Result quantize(ModelProto model, Set<String> parameters) {
        GraphProto g = model.getGraph();
        Map<String, Quantized> quantized = new LinkedHashMap<>();
        List<TensorProto> initializers = new ArrayList<>();
        for (TensorProto t : g.getInitializerList()) {
            if (parameters.contains(t.getName()) && quantizable(t)) {
                quantized.put(t.getName(), addQuantized(t, initializers));
            } else {
                initializers.add(t);
            }
        }
        if (quantized.isEmpty()) {
            return new Result(model, new Counts(0, 0, 0, 0));
        }
        Set<String> graphOutputs = new HashSet<>();
        g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        Map<String, Integer> uses = new HashMap<>();
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getInputList().forEach(in -> uses.merge(in, 1, Integer::sum));
            n.getOutputList().forEach(out -> producer.put(out, n));
        }
        Names names = new Names(g);
        List<NodeProto> nodes = new ArrayList<>();
        Set<String> needsFloat = new HashSet<>();
        Set<NodeProto> int8Transposes = new HashSet<>();
        int matmuls = 0;
        int gathers = 0;
        // A transpose of a quantized weight whose only use is a MatMul's right side becomes an int8 transpose.
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("MatMul") && n.getInputCount() == 2) {
                NodeProto t = producer.get(n.getInput(1));
                if (t != null && isWeightTranspose(t, quantized) && uses.getOrDefault(t.getOutput(0), 0) == 1
                        && !graphOutputs.contains(t.getOutput(0))) {
                    int8Transposes.add(t);
                }
            }
        }
        for (NodeProto n : g.getNodeList()) {
            if (int8Transposes.contains(n)) {
                nodes.add(n.toBuilder().setInput(0, quantized.get(n.getInput(0)).values()).build());
            } else if (n.getOpType().equals("MatMul") && n.getInputCount() == 2 && producer.get(n.getInput(1)) != null
                    && int8Transposes.contains(producer.get(n.getInput(1)))) {
                Quantized w = quantized.get(producer.get(n.getInput(1)).getInput(0));
                integerMatmul(n, w, names, nodes);
                matmuls++;
            } else if (n.getOpType().equals("Gather") && quantized.containsKey(n.getInput(0)) && axis(n) == 0) {
                int8Gather(n, quantized.get(n.getInput(0)), names, nodes, initializers);
                gathers++;
            } else {
                for (String in : n.getInputList()) {
                    if (quantized.containsKey(in)) {
                        needsFloat.add(in);
                    }
                }
                nodes.add(n);
            }
        }
        List<NodeProto> dequantize = new ArrayList<>();
        for (String name : needsFloat) {
            dequantize(name, quantized.get(name), names, dequantize, initializers);
        }
        GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer().addAllInitializer(initializers)
                .addAllNode(dequantize).addAllNode(nodes);
        return new Result(model.toBuilder().setGraph(out).build(),
                new Counts(quantized.size(), matmuls, gathers, needsFloat.size()));
    }

    private static boolean quantizable(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE || t.getDimsCount() < 2) {
            return false;
        }
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n >= MIN_ELEMENTS;
    }

    private static boolean isWeightTranspose(NodeProto t, Map<String, Quantized> quantized) {
        if (!t.getOpType().equals("Transpose") || !quantized.containsKey(t.getInput(0))
                || quantized.get(t.getInput(0)).shape().length != 2) {
            return false;
        }
        for (AttributeProto a : t.getAttributeList()) {
            if (a.getName().equals("perm")) {
                return a.getIntsCount() == 2 && a.getInts(0) == 1 && a.getInts(1) == 0;
            }
        }
        return true; // no perm: the reverse of the axes, which is [1, 0] for rank 2
    }

    private static long axis(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("axis")) {
                return a.getI();
            }
        }
        return 0;
    }

    /** Adds {@code t} as int8 ({@code <name>.int8}) and its per-row scale ({@code <name>.scale}). */
    private static Quantized addQuantized(TensorProto t, List<TensorProto> initializers) {
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(t.getDims(i));
        }
        float[] w = floats(t);
        int cols = shape[shape.length - 1];
        int rows = w.length / cols;
        byte[] q = new byte[w.length];
        float[] scale = new float[rows];
        quantizeRows(w, rows, cols, q, scale);
        String values = t.getName() + ".int8";
        String scales = t.getName() + ".scale";
        TensorProto.Builder qt = TensorProto.newBuilder().setName(values).setDataType(TensorProto.DataType.INT8_VALUE)
                .setRawData(ByteString.copyFrom(q));
        if (shape.length == 2) {
            qt.addAllDims(t.getDimsList());
        } else {
            qt.addDims(rows).addDims(cols);
        }
        initializers.add(qt.build());
        initializers.add(floatTensor(scales, scale, new long[] {rows}));
        return new Quantized(values, scales, shape);
    }

    /**
     * Symmetric per-row int8: {@code scale[r] = max_c |w[r, c]| / 127},
     * {@code q[r, c] = round(w[r, c] / scale[r])}; an all-zero row gets scale 1. Writes {@code q}
     * and {@code scale}.
     */
    static void quantizeRows(float[] w, int rows, int cols, byte[] q, float[] scale) {
        for (int r = 0; r < rows; r++) {
            float max = 0f;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(w[r * cols + c]));
            }
            float s = max == 0f ? 1f : max / QMAX;
            scale[r] = s;
            for (int c = 0; c < cols; c++) {
                int v = Math.round(w[r * cols + c] / s);
                q[r * cols + c] = (byte) Math.max(-QMAX, Math.min(QMAX, v));
            }
        }
    }

    private static float[] floats(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    private static TensorProto floatTensor(String name, float[] values, long[] dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** {@code y = MatMul(x, Wt)} with {@code Wt} the int8 transpose, as the integer chain ORT fuses. */
    private static void integerMatmul(NodeProto mm, Quantized w, Names names, List<NodeProto> nodes) {
        String x = mm.getInput(0);
        String xq = names.fresh("x_u8");
        String xs = names.fresh("x_scale");
        String xzp = names.fresh("x_zero_point");
        nodes.add(node("DynamicQuantizeLinear", names, List.of(x), List.of(xq, xs, xzp)));
        String acc = names.fresh("matmul_int32");
        nodes.add(node("MatMulInteger", names, List.of(xq, mm.getInput(1), xzp), List.of(acc)));
        String accF = names.fresh("matmul_float");
        nodes.add(node("Cast", names, List.of(acc), List.of(accF), intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
        String s = names.fresh("output_scale");
        nodes.add(node("Mul", names, List.of(xs, w.scale()), List.of(s)));
        nodes.add(node("Mul", names, List.of(accF, s), List.of(mm.getOutput(0))));
    }

    /** {@code y = Gather(W, ids)} as the int8 rows times their gathered scales. */
    private static void int8Gather(NodeProto gather, Quantized w, Names names, List<NodeProto> nodes,
            List<TensorProto> initializers) {
        String ids = gather.getInput(1);
        String rows = names.fresh("gather_int8");
        nodes.add(node("Gather", names, List.of(w.values(), ids), List.of(rows), intAttr("axis", 0)));
        String rowsF = names.fresh("gather_float");
        nodes.add(node("Cast", names, List.of(rows), List.of(rowsF), intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
        String s = names.fresh("gather_scale");
        nodes.add(node("Gather", names, List.of(w.scale(), ids), List.of(s), intAttr("axis", 0)));
        String lastAxis = names.fresh("axes");
        initializers.add(TensorProto.newBuilder().setName(lastAxis).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(1).setRawData(ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array())).build());
        String su = names.fresh("gather_scale");
        nodes.add(node("Unsqueeze", names, List.of(s, lastAxis), List.of(su)));
        nodes.add(node("Mul", names, List.of(rowsF, su), List.of(gather.getOutput(0))));
    }

    /** The float weight back under its own name, for the consumers that need float. */
    private static void dequantize(String name, Quantized w, Names names, List<NodeProto> nodes,
            List<TensorProto> initializers) {
        if (w.shape().length == 2) {
            nodes.add(node("DequantizeLinear", names, List.of(w.values(), w.scale()), List.of(name), intAttr("axis", 0)));
            return;
        }
        String flat = names.fresh("dequantized");
        nodes.add(node("DequantizeLinear", names, List.of(w.values(), w.scale()), List.of(flat), intAttr("axis", 0)));
        String shape = names.fresh("shape");
        ByteBuffer buf = ByteBuffer.allocate(w.shape().length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int d : w.shape()) {
            buf.putLong(d);
        }
        initializers.add(TensorProto.newBuilder().setName(shape).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(w.shape().length).setRawData(ByteString.copyFrom(buf.array())).build());
        nodes.add(node("Reshape", names, List.of(flat, shape), List.of(name)));
    }

    private static NodeProto node(String op, Names names, List<String> inputs, List<String> outputs,
            AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(names.fresh("q_" + op))
                .addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        return n.build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** Fresh value and node names that no name in the graph uses. */
    private static final class Names {
        private final Set<String> used = new HashSet<>();
        private int counter;

        Names(GraphProto g) {
            g.getInitializerList().forEach(t -> used.add(t.getName()));
            g.getInputList().forEach(v -> used.add(v.getName()));
            for (NodeProto n : g.getNodeList()) {
                used.addAll(n.getInputList());
                used.addAll(n.getOutputList());
                used.add(n.getName());
            }
        }

        String fresh(String hint) {
            String n;
            do {
                n = "int8." + hint + "_" + counter++;
            } while (!used.add(n));
            return n;
        }
    }
}
