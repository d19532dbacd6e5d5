package org.attn4j.core.internal.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The worker threads the Java GEMM kernels split their work over: a small fixed pool of daemon
 * threads, one fewer than {@link #threads()}, because the calling thread works too.
 *
 * <p>The thread count is {@code Runtime.availableProcessors()} unless the system property
 * {@code attn4j.gemm.threads} (read once) gives a positive number. The pool is private to the
 * kernels, so GEMM never queues behind unrelated work in the common ForkJoin pool. Several
 * threads may call {@link #run} at once; their tasks share the pool.
 */
final class GemmThreads {

    /** System property overriding the number of threads a GEMM call may use. */
    static final String THREADS_PROPERTY = "attn4j.gemm.threads";

    private static final int THREADS = readThreads();
    private static volatile ExecutorService pool;

    private GemmThreads() {
    }

    /** Threads one GEMM call may use, the caller's included; at least 1. */
    static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, on the caller and
     * up to {@code threads() - 1} pool threads; returns when all have finished. Tasks are
     * claimed dynamically, so a thread slowed by other load simply takes fewer. The first
     * exception a task throws is rethrown here (the remaining tasks still run).
     */
    static void run(int tasks, IntConsumer body) {
        if (tasks <= 1 || THREADS == 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        ExecutorService p = pool();
        int helpers = Math.min(tasks, THREADS) - 1;
        for (int h = 0; h < helpers; h++) {
            p.execute(worker);
        }
        worker.run();
        awaitUninterruptibly(done);
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException("GEMM worker failed", t);
        }
    }

    /**
     * Splits {@code [0, total)} into {@code parts} nearly equal ranges whose inner boundaries
     * are multiples of {@code align}; returns the start of range {@code part} (with
     * {@code part == parts} giving {@code total}).
     */
    static int splitPoint(int total, int parts, int align, int part) {
        if (part >= parts) {
            return total;
        }
        long raw = (long) total * part / parts;
        long aligned = (raw + align / 2) / align * align;
        return (int) Math.min(total, aligned);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (GemmThreads.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger ids = new AtomicInteger();
                    ThreadPoolExecutor tpe = new ThreadPoolExecutor(THREADS - 1, THREADS - 1,
                            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(r, "attn4j-gemm-" + ids.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    tpe.allowCoreThreadTimeOut(true);
                    pool = tpe;
                    p = tpe;
                }
            }
        }
        return p;
    }

    private static int readThreads() {
        String s = System.getProperty(THREADS_PROPERTY);
        if (s == null || s.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int t = Integer.parseInt(s.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below, which names the property and the value
        }
        throw new IllegalArgumentException(
                "System property " + THREADS_PROPERTY + " must be a positive integer, got '" + s + "'");
    }
}
