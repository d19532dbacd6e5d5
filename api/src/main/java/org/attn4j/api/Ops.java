package org.attn4j.api;

/**
 * The op set: everything model code may do with tensors.
 *
 * <p>All model code — built-in layers, RNNs, Transformers and every attention plugin — is
 * written against this interface and nothing else. There are two implementations: the eager
 * engine in {@code core} computes each op at once and records it for reverse-mode autodiff;
 * the graph builder in {@code runtime-onnx} appends an ONNX node instead. One {@code forward}
 * therefore gives training, inference and export.
 *
 * <p>Rules that keep both implementations equivalent:
 * <ul>
 *   <li>Never branch on a tensor's values, and never bake a batch or time size into the model as
 *       a Java int: take sizes through ops ({@link #reshape} with 0 and -1, {@link #shapeOf},
 *       {@link #range}, {@link #causalMask}).</li>
 *   <li>Semantics follow ONNX: broadcasting is numpy's (multidirectional), {@link #reshape} has
 *       ONNX's 0/-1 rules, {@link #matmul} is ONNX {@code MatMul}, {@link #slice} clamps like
 *       ONNX {@code Slice}.</li>
 *   <li>Masks are {@link DType#FLOAT32} tensors holding 1 (may attend / real token) or 0
 *       (padding, future position).</li>
 * </ul>
 *
 * <p>Axes may be negative (counted from the end). Ops validate their arguments and throw
 * {@link ShapeException} naming the op and the shapes involved.
 *
 * <p>Thread safety: an {@code Ops} instance and the tensors it creates are confined to one
 * thread. Example, a linear layer followed by a masked softmax:
 * <pre>{@code
 * Tensor h = ops.linear(x, ops.param(w), ops.param(b));     // [B, T, H]
 * Tensor p = ops.maskedSoftmax(scores, mask);                 // rows sum to 1 over allowed keys
 * }</pre>
 */
public interface Ops {

    // ----------------------------------------------------------------- sources

    /** The tensor for a parameter; gradients flow into {@link Parameter#grad()} in eager training. */
    Tensor param(Parameter parameter);

    /** A float constant of the given shape; {@code values.length} must equal the shape's size. */
    Tensor constant(float[] values, int... shape);

    /** A float scalar (rank 0). */
    default Tensor scalar(float value) {
        return constant(new float[] {value});
    }

    /** An INT64 constant (ids, indices) of the given shape. */
    Tensor constantIds(long[] values, int... shape);

    // ----------------------------------------------------------------- shape

    /** The shape of {@code x} as an INT64 vector of length rank(x), known at run time. */
    Tensor shapeOf(Tensor x);

    /**
     * ONNX {@code Reshape}: {@code 0} copies the input's dimension at that index, {@code -1} (at
     * most one) is inferred from the element count.
     */
    Tensor reshape(Tensor x, long... shape);

    /** Reshape to a shape given as an INT64 vector computed at run time (same 0/-1 rules). */
    Tensor reshape(Tensor x, Tensor shape);

    /** Permutes axes: output axis i is input axis {@code perm[i]}. */
    Tensor transpose(Tensor x, int... perm);

    /** Concatenates along {@code axis}; all other dimensions must agree. */
    Tensor concat(int axis, Tensor... xs);

    /**
     * ONNX {@code Slice} along one axis with step 1: elements {@code [start, end)}, negative
     * indices count from the end, bounds are clamped ({@code Long.MAX_VALUE} means "to the end").
     */
    Tensor slice(Tensor x, int axis, long start, long end);

    /** Inserts a dimension of size 1 at {@code axis} (axis is relative to the output rank). */
    Tensor unsqueeze(Tensor x, int axis);

    /** Removes dimension {@code axis}, which must have size 1. */
    Tensor squeeze(Tensor x, int axis);

    /** Broadcasts {@code x} to the shape of {@code like} (numpy rules). */
    Tensor expandAs(Tensor x, Tensor like);

    /** {@code [0, 1, ..., n-1]} as INT64 where n is the run-time size of {@code x}'s {@code axis}. */
    Tensor range(Tensor x, int axis);

    // ----------------------------------------------------------------- element-wise

    /** a + b with numpy broadcasting. */
    Tensor add(Tensor a, Tensor b);

    /** a - b with numpy broadcasting. */
    Tensor sub(Tensor a, Tensor b);

    /** a * b with numpy broadcasting. */
    Tensor mul(Tensor a, Tensor b);

    /** a / b with numpy broadcasting. */
    Tensor div(Tensor a, Tensor b);

    /** x * s for a Java constant s (a hyper-parameter, never a size). */
    Tensor scale(Tensor x, float s);

    Tensor neg(Tensor x);

    Tensor tanh(Tensor x);

    Tensor sigmoid(Tensor x);

    Tensor relu(Tensor x);

    /** GELU, exact form: x * Φ(x) = 0.5 x (1 + erf(x / sqrt 2)). */
    Tensor gelu(Tensor x);

    Tensor exp(Tensor x);

    /** Natural logarithm. */
    Tensor log(Tensor x);

    Tensor sqrt(Tensor x);

    Tensor sin(Tensor x);

    Tensor cos(Tensor x);

    /**
     * Converts FLOAT32 to INT64, truncating toward zero like ONNX {@code Cast} (or returns an
     * INT64 input unchanged). Not differentiable.
     */
    Tensor toIds(Tensor x);

    /** Converts INT64 to FLOAT32 (or returns a FLOAT32 input unchanged). */
    Tensor toFloat(Tensor x);

    // ----------------------------------------------------------------- products

    /**
     * ONNX {@code MatMul}: {@code [..., M, K] x [..., K, N] -> [..., M, N]}, leading dimensions
     * broadcast; a rank-2 right operand is shared by every batch.
     */
    Tensor matmul(Tensor a, Tensor b);

    /**
     * Affine map {@code x W^T + b} over the last axis: x {@code [..., in]}, weight
     * {@code [out, in]} (PyTorch's layout), bias {@code [out]} or {@code null}.
     */
    Tensor linear(Tensor x, Tensor weight, Tensor bias);

    // ----------------------------------------------------------------- recurrent layers

    /**
     * ONNX {@code GRU} over a whole sequence, with {@code linear_before_reset = 1} and the
     * default activations (sigmoid, tanh). For each direction, sequence and step t, with
     * {@code h} the previous state:
     * <pre>
     * z  = sigmoid(x_t Wz^T + h Rz^T + Wbz + Rbz)
     * r  = sigmoid(x_t Wr^T + h Rr^T + Wbr + Rbr)
     * n  = tanh(x_t Wh^T + r * (h Rh^T + Rbh) + Wbh)
     * h' = (1 - z) * n + z * h
     * </pre>
     * Shapes, ONNX's weight layout ({@code layout = 0}) with a batch-first input:
     * <ul>
     *   <li>{@code x} FLOAT32 {@code [B, T, I]};</li>
     *   <li>{@code lengths} INT64 {@code [B]}, each in {@code 1..T}: sequence b is
     *       {@code x[b, 0 .. lengths[b]-1]}, the rest is padding that is never read; or
     *       {@code null} when every sequence has all T steps;</li>
     *   <li>{@code h0} {@code [dirs, B, H]}, or {@code null} for zeros;</li>
     *   <li>{@code w} {@code [dirs, 3H, I]} (rows z, r, h), {@code r} {@code [dirs, 3H, H]},
     *       {@code b} {@code [dirs, 6H]} = {@code [Wbz, Wbr, Wbh, Rbz, Rbr, Rbh]}, or
     *       {@code null} for zeros.</li>
     * </ul>
     * The number of directions is {@code w.dim(0)}: 1 runs forward only; 2 also runs a reverse
     * pass with the second set of weights, which starts at each sequence's last real step
     * {@code lengths[b] - 1} and ends at step 0 (ONNX {@code direction = bidirectional}).
     * Results are described in {@link RnnOutput}; {@code cLast} is {@code null}.
     *
     * @throws ShapeException naming the argument when a shape or type does not fit, or naming
     *         the row when a length is outside {@code 1..T}
     */
    RnnOutput gru(Tensor x, Tensor lengths, Tensor h0, Tensor w, Tensor r, Tensor b);

    /**
     * ONNX {@code LSTM} over a whole sequence with the default activations (sigmoid, tanh,
     * tanh), no peepholes and no clipping. For each direction, sequence and step t, with
     * {@code h}, {@code c} the previous states:
     * <pre>
     * i  = sigmoid(x_t Wi^T + h Ri^T + Wbi + Rbi)
     * o  = sigmoid(x_t Wo^T + h Ro^T + Wbo + Rbo)
     * f  = sigmoid(x_t Wf^T + h Rf^T + Wbf + Rbf)
     * g  = tanh(x_t Wc^T + h Rc^T + Wbc + Rbc)
     * c' = f * c + i * g
     * h' = o * tanh(c')
     * </pre>
     * Shapes as for {@link #gru} with four gates in ONNX's order i, o, f, c: {@code w}
     * {@code [dirs, 4H, I]}, {@code r} {@code [dirs, 4H, H]}, {@code b} {@code [dirs, 8H]}
     * = {@code [Wb(iofc), Rb(iofc)]} or {@code null}; {@code h0} and {@code c0}
     * {@code [dirs, B, H]} or {@code null} for zeros. Lengths and directions behave as in
     * {@link #gru}; {@link RnnOutput#cLast()} holds the final cell states.
     *
     * @throws ShapeException naming the argument when a shape or type does not fit, or naming
     *         the row when a length is outside {@code 1..T}
     */
    RnnOutput lstm(Tensor x, Tensor lengths, Tensor h0, Tensor c0, Tensor w, Tensor r, Tensor b);

    // ----------------------------------------------------------------- reductions

    /** Sum over {@code axes}; keeps them as size 1 when {@code keepDims}. */
    Tensor sum(Tensor x, boolean keepDims, int... axes);

    /** Mean over {@code axes}; keeps them as size 1 when {@code keepDims}. */
    Tensor mean(Tensor x, boolean keepDims, int... axes);

    // ----------------------------------------------------------------- probabilities

    /** Softmax over {@code axis}. */
    Tensor softmax(Tensor x, int axis);

    /** Log-softmax over {@code axis}, computed stably. */
    Tensor logSoftmax(Tensor x, int axis);

    /**
     * Softmax over the last axis restricted to positions where {@code mask} (broadcastable to
     * {@code scores}) is non-zero. Masked positions get exactly 0; a row with no allowed
     * position is all zeros (never NaN) and passes no gradient.
     */
    Tensor maskedSoftmax(Tensor scores, Tensor mask);

    /**
     * Layer normalisation over the last axis: {@code (x - mean) / sqrt(var + eps) * gamma + beta}
     * with the biased variance; gamma and beta are {@code [D]}.
     */
    Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps);

    // ----------------------------------------------------------------- indexing and masking

    /**
     * ONNX {@code Gather} on axis 0: rows of {@code table} picked by the INT64 {@code ids}. A
     * table {@code [V, D]} and ids {@code [B, T]} give {@code [B, T, D]} (an embedding lookup);
     * a state {@code [B, H]} and ids {@code [K]} give {@code [K, H]} (beam reordering).
     */
    Tensor gather(Tensor table, Tensor ids);

    /** Where {@code cond} is non-zero take {@code a}, else {@code b}; all three broadcast. */
    Tensor where(Tensor cond, Tensor a, Tensor b);

    /** {@code x} where {@code mask} is non-zero, {@code value} elsewhere (mask broadcasts to x). */
    Tensor maskFill(Tensor x, Tensor mask, float value);

    /**
     * FLOAT32 1 where {@code a <= b}, else 0 (broadcasting). Not differentiable: the result is a
     * mask, constant with respect to both inputs.
     */
    Tensor lessOrEqual(Tensor a, Tensor b);

    /** FLOAT32 mask, 1 where INT64 {@code ids} differ from {@code padId}, else 0. */
    Tensor notEqual(Tensor ids, long padId);

    /**
     * A {@code [T, T]} FLOAT32 mask with 1 where column j <= row i, T being the run-time size of
     * {@code x}'s axis 1 ({@code x} is {@code [B, T, ...]}).
     */
    Tensor causalMask(Tensor x);

    // ----------------------------------------------------------------- training

    /**
     * Inverted dropout: in training zeroes each element with probability {@code p} and scales
     * the rest by 1/(1-p), drawing from this {@code Ops}' seeded generator; identity when not
     * training or when p is 0.
     */
    Tensor dropout(Tensor x, float p);

    /**
     * Fused log-softmax and negative log-likelihood: logits {@code [..., C]}, INT64 targets
     * {@code [...]}; the mean over targets not equal to {@code ignoreIndex} of
     * {@code (1-eps) * -log p[target] + eps * mean_v(-log p[v])}; a scalar. Zero when every
     * target is ignored.
     */
    Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex, float labelSmoothing);

    /** Whether this {@code Ops} runs in training mode (dropout active). */
    boolean isTraining();
}
