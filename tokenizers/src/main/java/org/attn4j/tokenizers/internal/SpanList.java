package org.attn4j.tokenizers.internal;

import java.util.Arrays;

/** A growable list of {@code [start, end)} char ranges, stored flat to keep long lines cheap. Not thread-safe. */
public final class SpanList {
    private int[] bounds = new int[32];
    private int size;

    /** Appends {@code [start, end)}. */
    public void add(int start, int end) {
        if (2 * size + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[2 * size] = start;
        bounds[2 * size + 1] = end;
        size++;
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return bounds[2 * i];
    }

    public int end(int i) {
        return bounds[2 * i + 1];
    }

    /** Replaces the end of the last span. */
    void setLastEnd(int end) {
        bounds[2 * size - 1] = end;
    }

    public void clear() {
        size = 0;
    }
}
