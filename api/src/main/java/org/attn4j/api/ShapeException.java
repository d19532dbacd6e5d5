package org.attn4j.api;

import java.util.Arrays;

/** An op received tensors whose shapes or types do not fit; the message names the op and the shapes. */
public class ShapeException extends Attn4jException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }

    /** Formats a shape as {@code [2, 3, -1]} for messages. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
