package org.attn4j.core.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.attn4j.api.DType;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Shapes;

/**
 * The eager implementation of {@link Ops}: each op computes its result at once on float
 * arrays and, when gradients are enabled and an input needs one, records itself on a tape for
 * reverse-mode automatic differentiation.
 *
 * <p>Ops execute in program order, so the tape (the list of results in creation order) is
 * already topologically sorted; {@link #backward} walks it in reverse, each op's backward sitting
 * beside its forward in the op classes of this package. Parameter gradients accumulate into
 * {@link Parameter#grad()}; {@link #backward} then clears the tape for the next step.
 * <pre>{@code
 * EagerOps ops = new EagerOps(new SplittableRandom(42)).training(true);
 * Tensor loss = ops.crossEntropy(model.logits(ops, src, mask, tgtIn), tgtOut, 0, 0.1f);
 * ops.backward(loss);        // fills every parameter's grad()
 * optimizer.step();
 * }</pre>
 * Not thread-safe: use one {@code EagerOps} per thread. Inference:
 * {@code try (var scope = ops.noGrad()) { ... }} records nothing.
 */
public final class EagerOps implements Ops {
    private final RandomGenerator rng;
    private boolean training;
    private boolean gradEnabled = true;
    private final List<EagerTensor> tape = new ArrayList<>();
    private final Map<Parameter, EagerTensor> params = new IdentityHashMap<>();
    private final GradPool pool;

    /** An {@code Ops} in inference mode (no dropout) whose dropout, when enabled, draws from {@code rng}. */
    public EagerOps(RandomGenerator rng) {
        this(rng, GradPool.MIN_SIZE);
    }

    /** As {@link #EagerOps(RandomGenerator)}, recycling gradient buffers of at least {@code recycleMinSize} floats (tests). */
    EagerOps(RandomGenerator rng, int recycleMinSize) {
        this.rng = rng;
        this.pool = new GradPool(recycleMinSize);
    }

    /** Switches training mode (dropout active) on or off; returns this. */
    public EagerOps training(boolean on) {
        this.training = on;
        return this;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** Whether ops are being recorded for backward. */
    public boolean isGradEnabled() {
        return gradEnabled;
    }

    /** A scope in which nothing is recorded; closing it restores the previous setting. */
    public GradScope noGrad() {
        boolean before = gradEnabled;
        gradEnabled = false;
        return () -> gradEnabled = before;
    }

    /** Runs {@code body} with nothing recorded and returns its result. */
    public <T> T noGrad(java.util.function.Supplier<T> body) {
        boolean before = gradEnabled;
        gradEnabled = false;
        try {
            return body.get();
        } finally {
            gradEnabled = before;
        }
    }

    /** Restores the gradient setting when closed; see {@link #noGrad()}. */
    @FunctionalInterface
    public interface GradScope extends AutoCloseable {
        @Override
        void close();
    }

    RandomGenerator rng() {
        return rng;
    }

    // ---------------------------------------------------------------- autodiff machinery

    /** A leaf tensor whose gradient {@link #backward} computes (for tests and input gradients). */
    public EagerTensor variable(float[] data, int... shape) {
        EagerTensor t = EagerTensor.of(data, shape);
        t.requiresGrad = gradEnabled;
        return t;
    }

    /**
     * Back-propagates from a one-element {@code loss}: every tensor recorded since the last
     * backward receives its gradient, parameters into {@link Parameter#grad()} (accumulating).
     * Clears the tape.
     */
    public void backward(Tensor loss) {
        EagerTensor l = t(loss, "backward");
        if (l.size() != 1) {
            throw new ShapeException("backward: the loss must have one element, its shape is " + ShapeException.str(l.shape));
        }
        backward(l, new float[] {1f});
    }

    /** Back-propagates {@code gradOut} (shaped like {@code output}) from {@code output}; clears the tape. */
    public void backward(Tensor output, float[] gradOut) {
        EagerTensor o = t(output, "backward");
        try {
            if (!o.requiresGrad) {
                throw new IllegalStateException("backward: the output does not depend on any parameter or variable"
                        + " (were gradients disabled?)");
            }
            float[] g = o.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                g[i] += gradOut[i];
            }
            for (int i = tape.size() - 1; i >= 0; i--) {
                EagerTensor t = tape.get(i);
                if (t.grad != null && t.backward != null) {
                    float[] used = t.grad;
                    t.backward.apply(used);
                    if (!handedToInput(t, used)) {
                        // nothing reads or writes it any more: recycle it for an input's gradient
                        t.grad = null;
                        pool.release(used);
                    }
                }
            }
        } finally {
            clearTape();
            pool.clear();
        }
    }

    /**
     * A zeroed array for a gradient a backward is about to build, from the buffers this pass has
     * recycled when one fits ({@link GradPool}).
     */
    float[] gradScratch(int size) {
        return pool.take(size);
    }

    /** Gives back an array from {@link #gradScratch} that nothing refers to any more. */
    void recycle(float[] unused) {
        pool.release(unused);
    }

    /** Whether a backward of {@code t} made {@code g}, its gradient, the gradient of one of its inputs. */
    private static boolean handedToInput(EagerTensor t, float[] g) {
        for (EagerTensor in : t.inputs) {
            if (in != null && in.grad == g) {
                return true;
            }
        }
        return false;
    }

    /** Forgets everything recorded (for a forward pass whose gradient is not needed). */
    public void clearTape() {
        for (EagerTensor t : tape) {
            t.backward = null;
            t.inputs = null;
            t.pool = null;
            if (t.parameter == null) {
                t.grad = null;
            }
        }
        tape.clear();
        params.clear();
    }

    /** Number of results recorded since the last backward (for tests). */
    public int tapeSize() {
        return tape.size();
    }

    /** A result that records {@code bw} when gradients are on and some input needs one. */
    EagerTensor result(float[] data, int[] shape, Backward bw, EagerTensor... inputs) {
        return result(EagerTensor.of(data, shape), bw, inputs);
    }

    /** {@code out} (a new tensor), recording {@code bw} when gradients are on and some input needs one. */
    EagerTensor result(EagerTensor out, Backward bw, EagerTensor... inputs) {
        if (gradEnabled && bw != null) {
            for (EagerTensor in : inputs) {
                if (in != null && in.requiresGrad) {
                    out.requiresGrad = true;
                    out.backward = bw;
                    out.inputs = inputs;
                    out.pool = pool;
                    tape.add(out);
                    break;
                }
            }
        }
        return out;
    }

    static EagerTensor t(Tensor x, String op) {
        if (x instanceof EagerTensor e) {
            return e;
        }
        throw new IllegalArgumentException(op + ": expected a tensor of the eager engine, got "
                + (x == null ? "null" : x.getClass().getName()));
    }

    static EagerTensor f(Tensor x, String op) {
        EagerTensor e = t(x, op);
        if (!e.isFloat()) {
            throw new ShapeException(op + ": expected FLOAT32, got INT64 tensor of shape " + ShapeException.str(e.shape));
        }
        return e;
    }

    static EagerTensor ids(Tensor x, String op) {
        EagerTensor e = t(x, op);
        if (e.ids == null) {
            throw new ShapeException(op + ": expected INT64 ids, got FLOAT32 tensor of shape " + ShapeException.str(e.shape));
        }
        return e;
    }

    // ---------------------------------------------------------------- sources

    @Override
    public Tensor param(Parameter parameter) {
        EagerTensor t = params.get(parameter);
        if (t == null) {
            t = EagerTensor.ofParameter(parameter);
            t.requiresGrad = gradEnabled;
            if (gradEnabled) {
                params.put(parameter, t);
            }
        }
        return t;
    }

    @Override
    public Tensor constant(float[] values, int... shape) {
        return EagerTensor.of(values, shape);
    }

    @Override
    public Tensor constantIds(long[] values, int... shape) {
        return EagerTensor.ofIds(values, shape);
    }

    // ---------------------------------------------------------------- shape

    @Override
    public Tensor shapeOf(Tensor x) {
        int[] s = t(x, "shapeOf").shape;
        long[] v = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = s[i];
        }
        return EagerTensor.ofIds(v, s.length);
    }

    @Override
    public Tensor reshape(Tensor x, long... shape) {
        return ShapeOps.reshape(this, t(x, "reshape"), shape);
    }

    @Override
    public Tensor reshape(Tensor x, Tensor shape) {
        return ShapeOps.reshape(this, t(x, "reshape"), ids(shape, "reshape").ids);
    }

    @Override
    public Tensor transpose(Tensor x, int... perm) {
        return ShapeOps.transpose(this, t(x, "transpose"), perm);
    }

    @Override
    public Tensor concat(int axis, Tensor... xs) {
        return ShapeOps.concat(this, axis, xs);
    }

    @Override
    public Tensor slice(Tensor x, int axis, long start, long end) {
        return ShapeOps.slice(this, t(x, "slice"), axis, start, end);
    }

    @Override
    public Tensor unsqueeze(Tensor x, int axis) {
        return ShapeOps.unsqueeze(this, t(x, "unsqueeze"), axis);
    }

    @Override
    public Tensor squeeze(Tensor x, int axis) {
        return ShapeOps.squeeze(this, t(x, "squeeze"), axis);
    }

    @Override
    public Tensor expandAs(Tensor x, Tensor like) {
        return ShapeOps.expand(this, t(x, "expandAs"), t(like, "expandAs").shape);
    }

    @Override
    public Tensor range(Tensor x, int axis) {
        EagerTensor e = t(x, "range");
        int n = e.shape[Shapes.axis("range", axis, e.rank())];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return EagerTensor.ofIds(v, n);
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return ElementwiseOps.binary(this, Broadcast.ADD, f(a, "add"), f(b, "add"));
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return ElementwiseOps.binary(this, Broadcast.SUB, f(a, "sub"), f(b, "sub"));
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return ElementwiseOps.binary(this, Broadcast.MUL, f(a, "mul"), f(b, "mul"));
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return ElementwiseOps.binary(this, Broadcast.DIV, f(a, "div"), f(b, "div"));
    }

    @Override
    public Tensor scale(Tensor x, float s) {
        return ElementwiseOps.scale(this, f(x, "scale"), s);
    }

    @Override
    public Tensor neg(Tensor x) {
        return ElementwiseOps.scale(this, f(x, "neg"), -1f);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.TANH, f(x, "tanh"));
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.SIGMOID, f(x, "sigmoid"));
    }

    @Override
    public Tensor relu(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.RELU, f(x, "relu"));
    }

    @Override
    public Tensor gelu(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.GELU, f(x, "gelu"));
    }

    @Override
    public Tensor exp(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.EXP, f(x, "exp"));
    }

    @Override
    public Tensor log(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.LOG, f(x, "log"));
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.SQRT, f(x, "sqrt"));
    }

    @Override
    public Tensor sin(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.SIN, f(x, "sin"));
    }

    @Override
    public Tensor cos(Tensor x) {
        return ElementwiseOps.unary(this, ElementwiseOps.Fn.COS, f(x, "cos"));
    }

    @Override
    public Tensor toIds(Tensor x) {
        EagerTensor e = t(x, "toIds");
        if (e.dtype() == DType.INT64) {
            return e;
        }
        float[] in = e.data();
        long[] v = new long[in.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) in[i];
        }
        return EagerTensor.ofIds(v, e.shape);
    }

    @Override
    public Tensor toFloat(Tensor x) {
        EagerTensor e = t(x, "toFloat");
        if (e.dtype() == DType.FLOAT32) {
            return e;
        }
        float[] v = new float[e.ids.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = e.ids[i];
        }
        return EagerTensor.of(v, e.shape);
    }

    // ---------------------------------------------------------------- products

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return MatmulOps.matmul(this, f(a, "matmul"), f(b, "matmul"));
    }

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return MatmulOps.linear(this, f(x, "linear"), f(weight, "linear"), bias == null ? null : f(bias, "linear"));
    }

    // ---------------------------------------------------------------- recurrent layers

    @Override
    public RnnOutput gru(Tensor x, Tensor lengths, Tensor h0, Tensor w, Tensor r, Tensor b) {
        return RnnOps.gru(this, f(x, "gru"), lengths == null ? null : ids(lengths, "gru"), h0 == null ? null : f(h0, "gru"), f(w, "gru"),
                f(r, "gru"), b == null ? null : f(b, "gru"));
    }

    @Override
    public RnnOutput lstm(Tensor x, Tensor lengths, Tensor h0, Tensor c0, Tensor w, Tensor r, Tensor b) {
        return RnnOps.lstm(this, f(x, "lstm"), lengths == null ? null : ids(lengths, "lstm"), h0 == null ? null : f(h0, "lstm"),
                c0 == null ? null : f(c0, "lstm"), f(w, "lstm"), f(r, "lstm"), b == null ? null : f(b, "lstm"));
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public Tensor sum(Tensor x, boolean keepDims, int... axes) {
        return ReduceOps.sum(this, f(x, "sum"), keepDims, axes, false);
    }

    @Override
    public Tensor mean(Tensor x, boolean keepDims, int... axes) {
        return ReduceOps.sum(this, f(x, "mean"), keepDims, axes, true);
    }

    // ---------------------------------------------------------------- probabilities

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return SoftmaxOps.softmax(this, f(x, "softmax"), axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return SoftmaxOps.softmax(this, f(x, "logSoftmax"), axis, true);
    }

    @Override
    public Tensor maskedSoftmax(Tensor scores, Tensor mask) {
        return SoftmaxOps.masked(this, f(scores, "maskedSoftmax"), f(mask, "maskedSoftmax"));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return LayerNormOp.apply(this, f(x, "layerNorm"), f(gamma, "layerNorm"), f(beta, "layerNorm"), eps);
    }

    // ---------------------------------------------------------------- indexing and masking

    @Override
    public Tensor gather(Tensor table, Tensor ids) {
        return ShapeOps.gather(this, t(table, "gather"), ids(ids, "gather"));
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        return MaskOps.where(this, f(cond, "where"), f(a, "where"), f(b, "where"));
    }

    @Override
    public Tensor maskFill(Tensor x, Tensor mask, float value) {
        EagerTensor xe = f(x, "maskFill");
        return MaskOps.where(this, f(mask, "maskFill"), xe, EagerTensor.of(new float[] {value}));
    }

    @Override
    public Tensor lessOrEqual(Tensor a, Tensor b) {
        return MaskOps.lessOrEqual(f(a, "lessOrEqual"), f(b, "lessOrEqual"));
    }

    @Override
    public Tensor notEqual(Tensor ids, long padId) {
        return MaskOps.notEqual(ids(ids, "notEqual"), padId);
    }

    @Override
    public Tensor causalMask(Tensor x) {
        return MaskOps.causal(t(x, "causalMask"));
    }

    // ---------------------------------------------------------------- training

    @Override
    public Tensor dropout(Tensor x, float p) {
        return MaskOps.dropout(this, f(x, "dropout"), p);
    }

    @Override
    public Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex, float labelSmoothing) {
        return CrossEntropyOp.apply(this, f(logits, "crossEntropy"), ids(targets, "crossEntropy"), ignoreIndex,
                labelSmoothing);
    }
}
