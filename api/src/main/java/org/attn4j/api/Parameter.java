package org.attn4j.api;

import java.util.Arrays;

/**
 * A trainable array of float32 values with a fixed shape, owned by one {@link Module}.
 *
 * <p>{@link #data()} is the live value (row-major); optimizers update it in place. {@link
 * #grad()} is the gradient accumulated by the eager engine's backward pass, allocated on first
 * use and cleared with {@link #zeroGrad()}. Not thread-safe: train a model from one thread;
 * inference from several threads reads {@code data()} only.
 */
public final class Parameter {
    private final int[] shape;
    private final float[] data;
    private float[] grad;

    /** A parameter of the given shape filled with zeros. */
    public Parameter(int... shape) {
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new ShapeException("parameter dimensions must be positive, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new ShapeException("parameter of shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        this.data = new float[(int) n];
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** The live values, row-major. Writes change the parameter. */
    public float[] data() {
        return data;
    }

    /** The accumulated gradient, same layout as {@link #data()}; allocated (zeros) on first call. */
    public float[] grad() {
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    /** Whether a gradient has been allocated. */
    public boolean hasGrad() {
        return grad != null;
    }

    /** Sets the gradient to zero (keeps the buffer). */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0f);
        }
    }

    /** Copies {@code values} into this parameter; the length must match. */
    public void set(float[] values) {
        if (values.length != data.length) {
            throw new ShapeException("parameter of shape " + Arrays.toString(shape) + " holds " + data.length
                    + " values, got " + values.length);
        }
        System.arraycopy(values, 0, data, 0, data.length);
    }

    @Override
    public String toString() {
        return "Parameter" + Arrays.toString(shape);
    }
}
