package org.attn4j.core.internal.array;

import java.util.Arrays;
import org.attn4j.api.ShapeException;

/** Shape arithmetic shared by the eager ops. */
public final class Shapes {
    private Shapes() {
    }

    /** Number of elements of a shape (1 for a scalar). */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new ShapeException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    public static void checkSize(String op, int length, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (size(shape) != length) {
            throw new ShapeException(op + ": " + length + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    /** Row-major strides. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** A possibly negative axis as an index in [0, rank). */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** numpy broadcasting of two shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast (axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides of {@code in} seen through the broadcast to {@code out}: aligned to out's rank, 0
     * where {@code in} is broadcast (missing or size 1 against a larger size).
     */
    public static int[] broadcastStrides(int[] in, int[] out) {
        int[] s = new int[out.length];
        int[] own = strides(in);
        int off = out.length - in.length;
        for (int i = 0; i < in.length; i++) {
            s[i + off] = in[i] == 1 && out[i + off] != 1 ? 0 : own[i];
        }
        return s;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
