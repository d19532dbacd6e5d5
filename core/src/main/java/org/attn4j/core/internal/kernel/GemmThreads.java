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
 *
 * <p>A helper that runs out of tasks keeps polling for the next job for {@value #SPIN_NANOS}
 * ns before it returns to the pool and parks, and the caller spins as long before it blocks:
 * waking a parked thread costs tens of microseconds, a large share of a 64 x 512 x 512
 * product (about 0.2 ms), and the engine issues its GEMMs in quick succession. Correctness
 * never depends on a helper: the caller claims tasks too and finishes any that no helper took.
 */
final class GemmThreads {

    /** System property overriding the number of threads a GEMM call may use. */
    static final String THREADS_PROPERTY = "attn4j.gemm.threads";
    /** How long an idle helper polls for the next job before parking. */
    static final long SPIN_NANOS = 100_000;

    private static final int THREADS = readThreads();
    private static final AtomicInteger SPINNING = new AtomicInteger();
    private static volatile Job pending;
    private static volatile ExecutorService pool;

    private GemmThreads() {
    }

    /** Threads one GEMM call may use, the caller's included; at least 1. */
    static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, on the caller and
     * up to {@code threads() - 1} helpers; returns when all have finished. Tasks are claimed
     * dynamically, so a thread slowed by other load simply takes fewer. The first exception a
     * task throws is rethrown here (the remaining tasks still run).
     */
    static void run(int tasks, IntConsumer body) {
        Job job = new Job(tasks, body);
        if (tasks <= 1 || THREADS == 1) {
            job.work();
            job.rethrow();
            return;
        }
        pending = job;
        int wanted = Math.min(tasks, THREADS) - 1 - SPINNING.get();
        if (wanted > 0) {
            ExecutorService p = pool();
            for (int h = 0; h < wanted; h++) {
                p.execute(GemmThreads::help);
            }
        }
        job.work();
        job.await();
        if (pending == job) {
            pending = null;
        }
        job.rethrow();
    }

    /** A helper's life: work on the pending job, then on the next ones while they come quickly. */
    private static void help() {
        SPINNING.incrementAndGet();
        try {
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < SPIN_NANOS) {
                Job job = pending;
                if (job != null && job.hasUnclaimed()) {
                    SPINNING.decrementAndGet();
                    try {
                        job.work();
                    } finally {
                        SPINNING.incrementAndGet();
                    }
                    idleSince = System.nanoTime();
                } else {
                    Thread.onSpinWait();
                }
            }
        } finally {
            SPINNING.decrementAndGet();
        }
    }

    /** One call of {@link #run}: tasks claimed by counter, completion counted down. */
    private static final class Job {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
            this.done = new CountDownLatch(tasks);
        }

        boolean hasUnclaimed() {
            return next.get() < tasks;
        }

        void work() {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        /** Waits for the tasks other threads still run: briefly spinning, then parked. */
        void await() {
            long start = System.nanoTime();
            while (done.getCount() > 0 && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrow() {
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
