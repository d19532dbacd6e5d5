package org.attn4j.core.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's values and shape, to write into or as read from a safetensors file. The arrays are
 * held, not copied: writing a model's weights does not duplicate them in memory.
 */
public sealed interface TensorEntry permits TensorEntry.F32, TensorEntry.I64 {

    /** Dimensions, outermost first; empty for a scalar. */
    int[] shape();

    /** The element type in the file. */
    SafeTensorsDType dtype();

    /** Number of elements. */
    int elementCount();

    /** A float32 tensor. */
    record F32(int[] shape, float[] values) implements TensorEntry {
        public F32 {
            checkCount(shape, values.length);
        }

        @Override
        public SafeTensorsDType dtype() {
            return SafeTensorsDType.F32;
        }

        @Override
        public int elementCount() {
            return values.length;
        }
    }

    /** An int64 tensor. */
    record I64(int[] shape, long[] values) implements TensorEntry {
        public I64 {
            checkCount(shape, values.length);
        }

        @Override
        public SafeTensorsDType dtype() {
            return SafeTensorsDType.I64;
        }

        @Override
        public int elementCount() {
            return values.length;
        }
    }

    /** Throws unless {@code shape} has non-negative dimensions whose product is {@code count}. */
    private static void checkCount(int[] shape, int count) {
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + count);
        }
    }
}
