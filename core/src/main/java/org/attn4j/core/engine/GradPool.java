package org.attn4j.core.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Gradient buffers recycled within one {@link EagerOps#backward} pass. Once an op's backward
 * has run, its output's gradient is dead unless it was handed to one of the op's inputs
 * ({@link EagerTensor#adoptGrad}); {@link EagerOps#backward} returns the dead ones here, and
 * the gradient buffers of later (earlier-recorded) results are taken from here, zeroed, instead
 * of freshly allocated. The W2 Transformer step allocated 280 MB, about 40 percent of it
 * gradient buffers of a handful of sizes, and allocates 201 MB with them recycled, so young
 * collections, which copy the step's live activations, come that much less often; a recycled
 * buffer is also usually still in cache. Only results' gradients pass through here, never
 * a leaf's (a variable keeps its gradient after the pass) or a parameter's. Emptied at the end
 * of each pass, so nothing is held between steps. Thread-safe (backward closures may ask from
 * worker threads), though one {@code EagerOps} is used by one thread.
 */
final class GradPool {
    /** Smaller buffers are not worth the bookkeeping. */
    static final int MIN_SIZE = 4096;

    private final int minSize;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();

    /** A pool that recycles buffers of at least {@code minSize} floats (tests lower it). */
    GradPool(int minSize) {
        this.minSize = minSize;
    }

    /** A zeroed array of {@code size} floats: a recycled one when there is one. */
    synchronized float[] take(int size) {
        ArrayDeque<float[]> q = size >= minSize ? free.get(size) : null;
        float[] a = q == null ? null : q.pollLast();
        if (a == null) {
            return new float[size];
        }
        Arrays.fill(a, 0f);
        return a;
    }

    /** Takes back {@code a}, which nothing reads or writes any more. */
    synchronized void release(float[] a) {
        if (a.length >= minSize) {
            free.computeIfAbsent(a.length, n -> new ArrayDeque<>()).addLast(a);
        }
    }

    /** Forgets every buffer (the end of a pass). */
    synchronized void clear() {
        free.clear();
    }
}
