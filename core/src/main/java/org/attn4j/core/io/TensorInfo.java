package org.attn4j.core.io;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it. Offsets count bytes from the start of the
 * data buffer (the byte after the header), {@code begin} inclusive, {@code end} exclusive.
 *
 * @param name the tensor's name
 * @param dtype its element type
 * @param shape its dimensions, outermost first (row-major); empty for a scalar
 * @param begin first byte in the data buffer
 * @param end one past its last byte; {@code end - begin} is the element count times the element size
 */
public record TensorInfo(String name, SafeTensorsDType dtype, long[] shape, long begin, long end) {

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as {@code [2, 3]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(int[] expected) {
        if (expected.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
