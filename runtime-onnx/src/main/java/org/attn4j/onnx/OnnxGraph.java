package org.attn4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.DType;

/**
 * Accumulates one ONNX graph: nodes in program order (already topologically sorted, since every
 * node's inputs exist when it is added), initializers, graph inputs and outputs; then builds the
 * {@link ModelProto}. Value names are unique; small INT64 constants (axes, shapes) are shared.
 * Not thread-safe; one graph per trace.
 */
final class OnnxGraph {
    /** The opset every exported graph imports (17: LayerNormalization, Shape with start/end). */
    static final int OPSET = 17;
    /** ONNX IR version 8 goes with opset 17. */
    static final int IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final Map<String, GraphTensor> idConstants = new HashMap<>();
    private int counter;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A fresh value name starting with {@code hint}. */
    String fresh(String hint) {
        String n;
        do {
            n = hint + "_" + counter++;
        } while (names.contains(n));
        names.add(n);
        return n;
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("ONNX value name '" + name + "' is used twice in graph " + graph.getName());
        }
        return name;
    }

    /** An attribute for {@link #node}. */
    record Attr(String name, Object value) {
    }

    static Attr attr(String name, Object value) {
        return new Attr(name, value);
    }

    /** Appends a node with one output of the given type and static shape. */
    GraphTensor node(String op, List<GraphTensor> inputs, DType out, int[] shape, Attr... attrs) {
        return nodeN(op, inputs, new DType[] {out}, new int[][] {shape}, attrs)[0];
    }

    /** Appends a node with several outputs; a {@code null} input is an omitted optional input. */
    GraphTensor[] nodeN(String op, List<GraphTensor> inputs, DType[] outTypes, int[][] shapes, Attr... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh(op));
        for (GraphTensor in : inputs) {
            n.addInput(in == null ? "" : in.name());
        }
        GraphTensor[] outs = new GraphTensor[outTypes.length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = new GraphTensor(fresh(op.toLowerCase(java.util.Locale.ROOT)), outTypes[i], shapes[i]);
            n.addOutput(outs[i].name());
        }
        for (Attr a : attrs) {
            n.addAttribute(attribute(a));
        }
        graph.addNode(n);
        return outs;
    }

    private static AttributeProto attribute(Attr a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(a.name());
        Object v = a.value();
        if (v instanceof Integer || v instanceof Long) {
            b.setType(AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
        } else if (v instanceof Float f) {
            b.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (v instanceof String s) {
            b.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (v instanceof int[] is) {
            b.setType(AttributeProto.AttributeType.INTS);
            for (int i : is) {
                b.addInts(i);
            }
        } else if (v instanceof long[] ls) {
            b.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                b.addInts(l);
            }
        } else {
            throw new IllegalArgumentException("unsupported attribute value " + v);
        }
        return b.build();
    }

    /** A FLOAT initializer called {@code name} (a parameter's dotted name), or a fresh name when null. */
    GraphTensor floats(String name, float[] values, int[] shape) {
        checkCount(name == null ? "constant" : name, values.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return initializer(name == null ? fresh("const") : claim(name), TensorProto.DataType.FLOAT, DType.FLOAT32, buf.array(), shape);
    }

    /** An INT64 initializer with a fresh name; equal small constants are shared. */
    GraphTensor ids(long[] values, int[] shape) {
        checkCount("constant", values.length, shape);
        String key = Arrays.toString(shape) + Arrays.toString(values);
        boolean small = values.length <= 16;
        GraphTensor known = small ? idConstants.get(key) : null;
        if (known != null) {
            return known;
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        GraphTensor t = initializer(fresh("const"), TensorProto.DataType.INT64, DType.INT64, buf.array(), shape);
        if (small) {
            idConstants.put(key, t);
        }
        return t;
    }

    private static void checkCount(String what, int count, int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != count) {
            throw new org.attn4j.api.ShapeException(what + ": " + count + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    private GraphTensor initializer(String name, TensorProto.DataType type, DType dtype, byte[] raw, int[] shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (int d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return new GraphTensor(name, dtype, shape);
    }

    /** Declares a graph input; {@code dims[i]} names dimension i when {@code shape[i]} is -1. */
    GraphTensor input(String name, DType dtype, int[] shape, String[] dims) {
        graph.addInput(valueInfo(claim(name), dtype, shape, dims));
        return new GraphTensor(name, dtype, shape);
    }

    /** Declares {@code t} a graph output under {@code name} (through an Identity node). */
    void output(String name, GraphTensor t, String[] dims) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType("Identity").setName(fresh("Identity"))
                .addInput(t.name()).addOutput(claim(name));
        graph.addNode(n);
        graph.addOutput(valueInfo(name, t.dtype(), t.shape(), dims));
    }

    private static ValueInfoProto valueInfo(String name, DType dtype, int[] shape, String[] dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.length; i++) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (shape[i] >= 0) {
                d.setDimValue(shape[i]);
            } else {
                d.setDimParam(dims[i]);
            }
            s.addDim(d);
        }
        TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder().setElemType(elemType(dtype).getNumber()).setShape(s);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tt)).build();
    }

    static TensorProto.DataType elemType(DType dtype) {
        return dtype == DType.FLOAT32 ? TensorProto.DataType.FLOAT : TensorProto.DataType.INT64;
    }

    /** The model: this graph, opset {@value #OPSET}, and {@code metadata} as metadata properties. */
    ModelProto build(String producerVersion, Map<String, String> metadata) {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("attn4j")
                .setProducerVersion(producerVersion).setGraph(graph.build())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }
}
