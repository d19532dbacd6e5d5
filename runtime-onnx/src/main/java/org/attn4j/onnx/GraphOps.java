package org.attn4j.onnx;

import static org.attn4j.onnx.OnnxGraph.attr;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.DType;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;

/**
 * The graph implementation of {@link Ops}: every call appends ONNX nodes (opset
 * {@value OnnxGraph#OPSET}) to an {@link OnnxGraph} and returns a symbolic {@link GraphTensor};
 * nothing is computed. Exporting a model is calling its {@code encode} and {@code decodeStep}
 * once with this implementation. Parameters become initializers under their dotted names.
 *
 * <p>Shapes are tracked statically with {@code -1} for run-time dimensions, so model code that
 * checks shapes sees what it would see eagerly wherever a size is known; known mismatches
 * throw {@link ShapeException} while tracing. The op mapping is tabled in {@code docs/onnx.md}.
 * Always in inference mode: {@link #dropout} is the identity.
 *
 * <p>Not thread-safe; one instance traces one graph.
 */
final class GraphOps implements Ops {
    private static final DType F = DType.FLOAT32;
    private static final DType I = DType.INT64;

    private final OnnxGraph g;
    private final Map<Parameter, String> parameterNames;
    private final Map<Parameter, GraphTensor> params = new IdentityHashMap<>();

    /** @param parameterNames initializer names for parameters (a model's {@code namedParameters()}, inverted) */
    GraphOps(OnnxGraph graph, Map<Parameter, String> parameterNames) {
        this.g = graph;
        this.parameterNames = parameterNames;
    }

    OnnxGraph graph() {
        return g;
    }

    static GraphTensor t(Tensor x, String op) {
        if (x instanceof GraphTensor gt) {
            return gt;
        }
        throw new IllegalArgumentException(op + ": expected a tensor of the ONNX graph builder, got "
                + (x == null ? "null" : x.getClass().getName()));
    }

    private static GraphTensor f(Tensor x, String op) {
        GraphTensor e = t(x, op);
        if (e.dtype() != F) {
            throw new ShapeException(op + ": expected FLOAT32, got INT64 tensor of shape " + ShapeException.str(e.shape()));
        }
        return e;
    }

    private static GraphTensor ids(Tensor x, String op) {
        GraphTensor e = t(x, op);
        if (e.dtype() != I) {
            throw new ShapeException(op + ": expected INT64 ids, got FLOAT32 tensor of shape " + ShapeException.str(e.shape()));
        }
        return e;
    }

    GraphTensor node(String op, DType out, int[] shape, List<GraphTensor> in, OnnxGraph.Attr... attrs) {
        return g.node(op, in, out, shape, attrs);
    }

    private GraphTensor axes(int... axes) {
        long[] v = new long[axes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = axes[i];
        }
        return g.ids(v, new int[] {v.length});
    }

    GraphTensor floatScalar(float v) {
        return g.floats(null, new float[] {v}, new int[0]);
    }

    /** {@code Cast} to BOOL; the result only feeds Where/Not, so its DType label (FLOAT32) is never read. */
    private GraphTensor bool(GraphTensor x) {
        return node("Cast", F, x.shape(), List.of(x), attr("to", ai.onnx.proto.OnnxMl.TensorProto.DataType.BOOL_VALUE));
    }

    GraphTensor cast(GraphTensor x, DType to) {
        return node("Cast", to, x.shape(), List.of(x), attr("to", OnnxGraph.elemType(to).getNumber()));
    }

    // ----------------------------------------------------------------- sources

    @Override
    public Tensor param(Parameter parameter) {
        return params.computeIfAbsent(parameter, p -> {
            String name = parameterNames.get(p);
            return g.floats(name, p.data(), p.shape());
        });
    }

    @Override
    public Tensor constant(float[] values, int... shape) {
        return g.floats(null, values.clone(), shape);
    }

    @Override
    public Tensor constantIds(long[] values, int... shape) {
        return g.ids(values.clone(), shape);
    }

    // ----------------------------------------------------------------- shape

    @Override
    public Tensor shapeOf(Tensor x) {
        GraphTensor e = t(x, "shapeOf");
        return node("Shape", I, new int[] {e.rank()}, List.of(e));
    }

    @Override
    public Tensor reshape(Tensor x, long... shape) {
        return ShapeNodes.reshape(g, t(x, "reshape"), shape);
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        return ShapeNodes.transpose(g, t(x, "transpose"), perm);
    }

    @Override
    public Tensor concat(int axis, Tensor... xs) {
        if (xs.length == 0) {
            throw new ShapeException("concat: needs at least one tensor");
        }
        GraphTensor[] in = new GraphTensor[xs.length];
        for (int k = 0; k < xs.length; k++) {
            in[k] = t(xs[k], "concat");
        }
        return ShapeNodes.concat(g, axis, in);
    }

    @Override
    public Tensor slice(Tensor x, int axis, long start, long end) {
        return ShapeNodes.slice(g, t(x, "slice"), axis, start, end);
    }

    @Override
    public Tensor reshape(Tensor x, Tensor shape) {
        GraphTensor e = t(x, "reshape");
        GraphTensor s = ids(shape, "reshape");
        if (s.rank() != 1 || s.dim(0) < 0) {
            throw new ShapeException("reshape: the target shape must be an INT64 vector of known length, got "
                    + ShapeException.str(s.shape()));
        }
        int[] out = new int[s.dim(0)];
        Arrays.fill(out, -1);
        return node("Reshape", e.dtype(), out, List.of(e, s));
    }

    @Override
    public Tensor unsqueeze(Tensor x, int axis) {
        GraphTensor e = t(x, "unsqueeze");
        int a = StaticShapes.axis("unsqueeze", axis, e.rank() + 1);
        int[] out = new int[e.rank() + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == a ? 1 : e.dim(j++);
        }
        return node("Unsqueeze", e.dtype(), out, List.of(e, axes(a)));
    }

    @Override
    public Tensor squeeze(Tensor x, int axis) {
        GraphTensor e = t(x, "squeeze");
        int a = StaticShapes.axis("squeeze", axis, e.rank());
        if (StaticShapes.differ(e.dim(a), 1)) {
            throw new ShapeException("squeeze: axis " + axis + " of " + ShapeException.str(e.shape()) + " has size " + e.dim(a));
        }
        int[] out = new int[e.rank() - 1];
        for (int i = 0, j = 0; i < e.rank(); i++) {
            if (i != a) {
                out[j++] = e.dim(i);
            }
        }
        return node("Squeeze", e.dtype(), out, List.of(e, axes(a)));
    }

    @Override
    public Tensor expandAs(Tensor x, Tensor like) {
        GraphTensor e = t(x, "expandAs");
        GraphTensor l = t(like, "expandAs");
        int[] out = StaticShapes.broadcast("expandAs", e.shape(), l.shape());
        return node("Expand", e.dtype(), out, List.of(e, (GraphTensor) shapeOf(l)));
    }

    @Override
    public Tensor range(Tensor x, int axis) {
        GraphTensor e = t(x, "range");
        int a = StaticShapes.axis("range", axis, e.rank());
        GraphTensor n = node("Shape", I, new int[] {1}, List.of(e), attr("start", a), attr("end", a + 1));
        GraphTensor limit = node("Squeeze", I, new int[0], List.of(n, axes(0)));
        return node("Range", I, new int[] {e.dim(a)}, List.of(g.ids(new long[] {0}, new int[0]), limit,
                g.ids(new long[] {1}, new int[0])));
    }

    // ----------------------------------------------------------------- element-wise

    private GraphTensor binary(String op, String name, Tensor a, Tensor b) {
        GraphTensor x = f(a, name);
        GraphTensor y = f(b, name);
        return node(op, F, StaticShapes.broadcast(name, x.shape(), y.shape()), List.of(x, y));
    }

    private GraphTensor unary(String op, String name, Tensor x) {
        GraphTensor e = f(x, name);
        return node(op, F, e.shape(), List.of(e));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("Add", "add", a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("Sub", "sub", a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("Mul", "mul", a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary("Div", "div", a, b);
    }

    @Override
    public Tensor scale(Tensor x, float s) {
        GraphTensor e = f(x, "scale");
        return node("Mul", F, e.shape(), List.of(e, floatScalar(s)));
    }

    @Override
    public Tensor neg(Tensor x) {
        return unary("Neg", "neg", x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return unary("Tanh", "tanh", x);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        return unary("Sigmoid", "sigmoid", x);
    }

    @Override
    public Tensor relu(Tensor x) {
        return unary("Relu", "relu", x);
    }

    /** Opset 17 has no Gelu (it came in 20): {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    @Override
    public Tensor gelu(Tensor x) {
        GraphTensor e = f(x, "gelu");
        GraphTensor erf = node("Erf", F, e.shape(), List.of((GraphTensor) scale(e, (float) (1 / Math.sqrt(2)))));
        GraphTensor onePlus = node("Add", F, e.shape(), List.of(erf, floatScalar(1f)));
        return scale(mul(e, onePlus), 0.5f);
    }

    @Override
    public Tensor exp(Tensor x) {
        return unary("Exp", "exp", x);
    }

    @Override
    public Tensor log(Tensor x) {
        return unary("Log", "log", x);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return unary("Sqrt", "sqrt", x);
    }

    @Override
    public Tensor sin(Tensor x) {
        return unary("Sin", "sin", x);
    }

    @Override
    public Tensor cos(Tensor x) {
        return unary("Cos", "cos", x);
    }

    @Override
    public Tensor toIds(Tensor x) {
        GraphTensor e = t(x, "toIds");
        return e.dtype() == I ? e : cast(e, I);
    }

    @Override
    public Tensor toFloat(Tensor x) {
        GraphTensor e = t(x, "toFloat");
        return e.dtype() == F ? e : cast(e, F);
    }

    // ----------------------------------------------------------------- products

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        GraphTensor x = f(a, "matmul");
        GraphTensor y = f(b, "matmul");
        if (x.rank() < 2 || y.rank() < 2) {
            throw new ShapeException("matmul: needs rank >= 2, got " + ShapeException.str(x.shape()) + " x "
                    + ShapeException.str(y.shape()));
        }
        if (StaticShapes.differ(x.dim(-1), y.dim(-2))) {
            throw new ShapeException("matmul: inner dimensions differ: " + ShapeException.str(x.shape()) + " x "
                    + ShapeException.str(y.shape()));
        }
        int[] batch = StaticShapes.broadcast("matmul", Arrays.copyOf(x.shape(), x.rank() - 2),
                Arrays.copyOf(y.shape(), y.rank() - 2));
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = x.dim(-2);
        out[batch.length + 1] = y.dim(-1);
        return node("MatMul", F, out, List.of(x, y));
    }

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        GraphTensor e = f(x, "linear");
        GraphTensor w = f(weight, "linear");
        if (w.rank() != 2 || e.rank() < 1 || StaticShapes.differ(e.dim(-1), w.dim(1))) {
            throw new ShapeException("linear: input " + ShapeException.str(e.shape()) + " does not fit weight "
                    + ShapeException.str(w.shape()) + " [out, in]");
        }
        int[] out = e.shape();
        out[out.length - 1] = w.dim(0);
        GraphTensor wt = node("Transpose", F, new int[] {w.dim(1), w.dim(0)}, List.of(w), attr("perm", new int[] {1, 0}));
        GraphTensor y = node("MatMul", F, out, List.of(e, wt));
        if (bias == null) {
            return y;
        }
        GraphTensor b = f(bias, "linear");
        if (b.rank() != 1 || StaticShapes.differ(b.dim(0), w.dim(0))) {
            throw new ShapeException("linear: bias " + ShapeException.str(b.shape()) + " does not fit weight "
                    + ShapeException.str(w.shape()));
        }
        return node("Add", F, out, List.of(y, b));
    }

    // ----------------------------------------------------------------- recurrent layers

    @Override
    public RnnOutput gru(Tensor x, Tensor lengths, Tensor h0, Tensor w, Tensor r, Tensor b) {
        return RecurrentNodes.emit(this, false, f(x, "gru"), lengths == null ? null : ids(lengths, "gru"),
                h0 == null ? null : f(h0, "gru"), null, f(w, "gru"), f(r, "gru"), b == null ? null : f(b, "gru"));
    }

    @Override
    public RnnOutput lstm(Tensor x, Tensor lengths, Tensor h0, Tensor c0, Tensor w, Tensor r, Tensor b) {
        return RecurrentNodes.emit(this, true, f(x, "lstm"), lengths == null ? null : ids(lengths, "lstm"),
                h0 == null ? null : f(h0, "lstm"), c0 == null ? null : f(c0, "lstm"), f(w, "lstm"), f(r, "lstm"),
                b == null ? null : f(b, "lstm"));
    }

    // ----------------------------------------------------------------- reductions

    private int[] reducedShape(String op, GraphTensor e, boolean keepDims, int[] axes) {
        boolean[] reduce = new boolean[e.rank()];
        for (int a : axes) {
            reduce[StaticShapes.axis(op, a, e.rank())] = true;
        }
        int[] out = new int[e.rank()];
        int n = 0;
        for (int i = 0; i < e.rank(); i++) {
            if (!reduce[i]) {
                out[n++] = e.dim(i);
            } else if (keepDims) {
                out[n++] = 1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public Tensor sum(Tensor x, boolean keepDims, int... axes) {
        GraphTensor e = f(x, "sum");
        return node("ReduceSum", F, reducedShape("sum", e, keepDims, axes), List.of(e, axes(axes)),
                attr("keepdims", keepDims ? 1 : 0));
    }

    @Override
    public Tensor mean(Tensor x, boolean keepDims, int... axes) {
        GraphTensor e = f(x, "mean");
        // ReduceMean takes its axes as an attribute up to opset 17
        return node("ReduceMean", F, reducedShape("mean", e, keepDims, axes), List.of(e), attr("axes", axes.clone()),
                attr("keepdims", keepDims ? 1 : 0));
    }

    // ----------------------------------------------------------------- probabilities

    @Override
    public Tensor softmax(Tensor x, int axis) {
        GraphTensor e = f(x, "softmax");
        return node("Softmax", F, e.shape(), List.of(e), attr("axis", StaticShapes.axis("softmax", axis, e.rank())));
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        GraphTensor e = f(x, "logSoftmax");
        return node("LogSoftmax", F, e.shape(), List.of(e), attr("axis", StaticShapes.axis("logSoftmax", axis, e.rank())));
    }

    /**
     * Masked positions are replaced by the lowest float before the softmax (so they get exactly
     * 0 wherever one position is allowed), and the result is zeroed where the mask is 0 (so a
     * row with no allowed position is all zeros rather than uniform).
     */
    @Override
    public Tensor maskedSoftmax(Tensor scores, Tensor mask) {
        GraphTensor s = f(scores, "maskedSoftmax");
        GraphTensor m = f(mask, "maskedSoftmax");
        int[] os = StaticShapes.broadcast("maskedSoftmax", s.shape(), m.shape());
        if (os.length != s.rank()) {
            throw new ShapeException("maskedSoftmax: mask " + ShapeException.str(m.shape()) + " does not broadcast to scores "
                    + ShapeException.str(s.shape()));
        }
        GraphTensor allowed = bool(m);
        GraphTensor filled = node("Where", F, os, List.of(allowed, s, floatScalar(-Float.MAX_VALUE)));
        GraphTensor soft = node("Softmax", F, os, List.of(filled), attr("axis", os.length - 1));
        return node("Where", F, os, List.of(allowed, soft, floatScalar(0f)));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        GraphTensor e = f(x, "layerNorm");
        return node("LayerNormalization", F, e.shape(), List.of(e, f(gamma, "layerNorm"), f(beta, "layerNorm")),
                attr("axis", -1), attr("epsilon", eps));
    }

    // ----------------------------------------------------------------- indexing and masking

    @Override
    public Tensor gather(Tensor table, Tensor ids) {
        GraphTensor tb = t(table, "gather");
        GraphTensor ix = ids(ids, "gather");
        if (tb.rank() < 1) {
            throw new ShapeException("gather: the table must have rank >= 1, got a scalar");
        }
        int[] out = new int[ix.rank() + tb.rank() - 1];
        System.arraycopy(ix.shape(), 0, out, 0, ix.rank());
        System.arraycopy(tb.shape(), 1, out, ix.rank(), tb.rank() - 1);
        return node("Gather", tb.dtype(), out, List.of(tb, ix), attr("axis", 0));
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        GraphTensor c = f(cond, "where");
        GraphTensor x = f(a, "where");
        GraphTensor y = f(b, "where");
        int[] os = StaticShapes.broadcast("where", StaticShapes.broadcast("where", c.shape(), x.shape()), y.shape());
        return node("Where", F, os, List.of(bool(c), x, y));
    }

    @Override
    public Tensor maskFill(Tensor x, Tensor mask, float value) {
        GraphTensor e = f(x, "maskFill");
        GraphTensor m = f(mask, "maskFill");
        int[] os = StaticShapes.broadcast("maskFill", e.shape(), m.shape());
        return node("Where", F, os, List.of(bool(m), e, floatScalar(value)));
    }

    @Override
    public Tensor lessOrEqual(Tensor a, Tensor b) {
        GraphTensor x = f(a, "lessOrEqual");
        GraphTensor y = f(b, "lessOrEqual");
        int[] os = StaticShapes.broadcast("lessOrEqual", x.shape(), y.shape());
        return cast(node("LessOrEqual", F, os, List.of(x, y)), F);
    }

    @Override
    public Tensor notEqual(Tensor ids, long padId) {
        GraphTensor e = ids(ids, "notEqual");
        GraphTensor eq = node("Equal", I, e.shape(), List.of(e, g.ids(new long[] {padId}, new int[0])));
        return cast(node("Not", I, e.shape(), List.of(eq)), F);
    }

    @Override
    public Tensor causalMask(Tensor x) {
        GraphTensor e = t(x, "causalMask");
        if (e.rank() < 2) {
            throw new ShapeException("causalMask: needs [B, T, ...], got " + ShapeException.str(e.shape()));
        }
        int n = e.dim(1);
        GraphTensor steps = (GraphTensor) range(e, 1);
        GraphTensor cols = (GraphTensor) unsqueeze(steps, 0); // [1, T]: j
        GraphTensor rows = (GraphTensor) unsqueeze(steps, 1); // [T, 1]: i
        return cast(node("LessOrEqual", I, new int[] {n, n}, List.of(cols, rows)), F);
    }

    // ----------------------------------------------------------------- training

    @Override
    public Tensor dropout(Tensor x, float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1), got " + p);
        }
        return f(x, "dropout");
    }

    /** The loss as a graph (for completeness; exported models do not compute it); see {@link LossNodes}. */
    @Override
    public Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex, float labelSmoothing) {
        return LossNodes.crossEntropy(this, f(logits, "crossEntropy"), ids(targets, "crossEntropy"), ignoreIndex,
                labelSmoothing);
    }

    @Override
    public boolean isTraining() {
        return false;
    }
}
