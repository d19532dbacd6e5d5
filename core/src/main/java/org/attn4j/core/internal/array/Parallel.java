package org.attn4j.core.internal.array;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} into contiguous ranges run on the common fork-join pool, for
 * element-wise kernels. Loops below {@link #GRAIN} elements run inline: forking costs tens of
 * microseconds. Each range is computed exactly as the whole loop would compute it, so results do
 * not depend on how many cores run them.
 */
public final class Parallel {
    /** The smallest amount of work, in elements, worth a second thread. */
    public static final int GRAIN = 1 << 15;
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Parallel() {
    }

    /** A loop body over the elements {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code [0, n)}, in parallel when {@code n * cost} is large enough. */
    public static void range(int n, int cost, Range body) {
        int parts = (int) Math.min(THREADS, (long) n * Math.max(cost, 1) / GRAIN);
        if (parts <= 1 || n < 2) {
            body.run(0, n);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            tasks[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / parts));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }
}
