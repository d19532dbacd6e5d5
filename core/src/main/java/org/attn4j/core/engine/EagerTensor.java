package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.api.DType;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.array.Strided;

/**
 * A tensor of the eager engine: a concrete value in a row-major array, plus what autodiff
 * needs (the accumulated gradient and the function that passes it on to the inputs).
 *
 * <p>FLOAT32 tensors hold {@link #floats()}, INT64 tensors {@link #longs()}. The arrays are
 * shared, not copied: do not modify a tensor's values after ops have used it. A tensor belongs
 * to the {@link EagerOps} that made it and to that {@code Ops}' thread.
 */
public final class EagerTensor implements Tensor {
    final int[] shape;
    /**
     * The values, row-major; null while this tensor is an unmaterialised {@link #viewOf view}.
     * Volatile so that a view's copy, made on first use, is published whole to other threads.
     */
    private volatile float[] data;
    final long[] ids;
    final Parameter parameter;
    /**
     * For a transpose: the dense FLOAT32 tensor whose array holds the values, element
     * {@code (i_0, ..)} of this one at {@code sum(i_d * viewStrides[d])} there; else null.
     * Batched matrix products read and write such a view in place ({@link MatmulOps}); anything
     * else gets the row-major copy from {@link #data()}, made on first use.
     */
    final EagerTensor viewOf;
    final int[] viewStrides;
    boolean requiresGrad;
    float[] grad;
    Backward backward;
    /**
     * For a result recorded on the tape: its inputs (to tell whether its gradient was handed to
     * one of them) and the pool its gradient buffer comes from and goes back to; else null.
     */
    EagerTensor[] inputs;
    GradPool pool;

    private EagerTensor(int[] shape, float[] data, long[] ids, Parameter parameter, EagerTensor viewOf,
            int[] viewStrides) {
        this.shape = shape;
        this.data = data;
        this.ids = ids;
        this.parameter = parameter;
        this.viewOf = viewOf;
        this.viewStrides = viewStrides;
    }

    private EagerTensor(int[] shape, float[] data, long[] ids, Parameter parameter) {
        this(shape, data, ids, parameter, null, null);
    }

    /**
     * A FLOAT32 view of dense {@code source} with shape {@code shape} and {@code strides} into
     * its array (a permutation of its axes): the values are copied out only when
     * {@link #data()} is first called.
     */
    static EagerTensor view(EagerTensor source, int[] shape, int[] strides) {
        if (source.viewOf != null || source.data == null) {
            throw new IllegalArgumentException("a view needs a dense FLOAT32 source, got " + source);
        }
        return new EagerTensor(shape, null, null, null, source, strides);
    }

    /**
     * The values of a FLOAT32 tensor, row-major, copying them out of a view's source on first
     * use; null for INT64. Callers read it once per op, outside loops over elements. Two threads
     * asking at once may both copy; both copies hold the same values.
     */
    float[] data() {
        float[] d = data;
        if (d == null && viewOf != null) {
            d = new float[Shapes.size(shape)];
            if (d.length > 0) {
                Strided.gather(viewOf.data, shape, viewStrides, d);
            }
            data = d;
        }
        return d;
    }

    /** Whether this is a FLOAT32 tensor (values, or a view of them). */
    boolean isFloat() {
        return ids == null;
    }

    /** A FLOAT32 tensor over {@code data} (not copied). */
    public static EagerTensor of(float[] data, int... shape) {
        Shapes.checkSize("tensor", data.length, shape);
        return new EagerTensor(shape.clone(), data, null, null);
    }

    /** An INT64 tensor over {@code ids} (not copied). */
    public static EagerTensor ofIds(long[] ids, int... shape) {
        Shapes.checkSize("tensor", ids.length, shape);
        return new EagerTensor(shape.clone(), null, ids, null);
    }

    static EagerTensor ofParameter(Parameter p) {
        EagerTensor t = new EagerTensor(p.shape(), p.data(), null, p);
        return t;
    }

    @Override
    public DType dtype() {
        return ids == null ? DType.FLOAT32 : DType.INT64;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** Number of elements. */
    public int size() {
        return ids != null ? ids.length : data != null ? data.length : Shapes.size(shape);
    }

    /** The values of a FLOAT32 tensor, row-major (the live array). */
    public float[] floats() {
        if (ids != null) {
            throw new IllegalStateException("tensor " + Arrays.toString(shape) + " holds INT64 ids, not floats");
        }
        return data();
    }

    /** The values of an INT64 tensor, row-major (the live array). */
    public long[] longs() {
        if (ids == null) {
            throw new IllegalStateException("tensor " + Arrays.toString(shape) + " holds floats, not INT64 ids");
        }
        return ids;
    }

    /** The single value of a one-element FLOAT32 tensor. */
    public float item() {
        if (size() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, shape is " + Arrays.toString(shape));
        }
        return floats()[0];
    }

    /** The gradient accumulated by {@link EagerOps#backward}, or {@code null} if none reached this tensor. */
    public float[] grad() {
        return grad;
    }

    /** Whether gradients flow into this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * The gradient buffer, allocated (or, for a recorded result, taken zeroed from the backward
     * pass's {@link GradPool}) on first use; {@code null} when no gradient is needed.
     */
    float[] gradBuffer() {
        if (!requiresGrad) {
            return null;
        }
        if (grad == null) {
            grad = parameter != null ? parameter.grad() : pool != null ? pool.take(size()) : new float[size()];
        }
        return grad;
    }

    /**
     * Takes {@code g} as this tensor's gradient buffer when it has none yet, instead of
     * allocating a zeroed one and adding {@code g} into it; returns whether it did.
     *
     * <p>Only a backward may call this, with its own output gradient, which nothing reads or
     * writes once that backward returns (the tape visits each result once); so ownership of the
     * array passes to this tensor. A backward hands its gradient to at most one input, and
     * parameters never take one (their buffer is {@link Parameter#grad()}).
     */
    boolean adoptGrad(float[] g) {
        if (!requiresGrad || grad != null || parameter != null || ids != null || g.length != size()) {
            return false;
        }
        grad = g;
        return true;
    }

    @Override
    public String toString() {
        return "EagerTensor" + Arrays.toString(shape) + " " + dtype();
    }
}
