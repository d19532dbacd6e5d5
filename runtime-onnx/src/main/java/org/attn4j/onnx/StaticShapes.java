package org.attn4j.onnx;

import org.attn4j.api.ShapeException;

/**
 * Shape rules of the graph builder on static shapes, where {@code -1} is a dimension known only
 * at run time. A rule checks what it can (known dimensions) and leaves the rest to ONNX Runtime.
 */
final class StaticShapes {
    private StaticShapes() {
    }

    /** numpy broadcasting; a dynamic dimension against a known n > 1 gives n. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da == 1) {
                out[i] = db;
            } else if (db == 1) {
                out[i] = da;
            } else if (da == -1) {
                out[i] = db;
            } else if (db == -1 || da == db) {
                out[i] = da;
            } else {
                throw new ShapeException(op + ": shapes " + ShapeException.str(a) + " and " + ShapeException.str(b)
                        + " do not broadcast");
            }
        }
        return out;
    }

    /** A non-negative axis for a possibly negative one. */
    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Whether two dimensions are known and different. */
    static boolean differ(int a, int b) {
        return a >= 0 && b >= 0 && a != b;
    }

    /** The product of the dimensions, or -1 if any is dynamic. */
    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }
}
