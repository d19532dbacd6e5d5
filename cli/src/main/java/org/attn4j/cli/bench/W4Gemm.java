package org.attn4j.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.attn4j.core.internal.kernel.Gemm;

/**
 * Workload W4 of {@code shared/bench/WORKLOADS.md}: one {@code C[M,N] = A[M,K] B[K,N]} (alpha 1,
 * beta 0, no transposes) into a preallocated C, for the five shapes of the peer script
 * {@code w4_gemm.py}, timed the way it times {@code torch.mm(a, b, out=c)}: one call sets a
 * batch size of {@code ceil(0.1 s / call)} calls per sample, then 3 to 15 samples (about 3 s
 * per shape); GFLOP/s = 2MKN / median seconds per call. Unlike the peer, each shape first runs
 * for about half a second untimed, so that the JIT has compiled the Java kernels.
 */
public final class W4Gemm {
    /** (M, K, N), the peer's order. */
    static final List<int[]> SHAPES = List.of(new int[] {1024, 512, 512}, new int[] {1024, 512, 1536},
            new int[] {1024, 256, 6000}, new int[] {64, 512, 512}, new int[] {2048, 2048, 2048});
    private static final double SAMPLE_SECONDS = 0.1;
    private static final double SHAPE_SECONDS = 3.0;
    private static final double WARMUP_SECONDS = 0.5;

    private W4Gemm() {
    }

    /**
     * Times every shape with {@code gemm}, prints one line per shape to {@code log} (the peer's
     * layout), and returns the best of the per-shape median GFLOP/s.
     */
    public static double bestGflops(Gemm gemm, PrintWriter log) {
        double best = 0;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            double[] seconds = time(gemm, m, k, n);
            Samples s = Samples.of(seconds);
            double flop = 2.0 * m * k * n;
            double median = flop / s.median() / 1e9;
            log.printf(Locale.ROOT, "W4 %s M,K,N=%-16s GFLOP/s median=%7.1f min=%7.1f max=%7.1f (n=%d)%n", gemm.name(),
                    m + "," + k + "," + n, median, flop / s.max() / 1e9, flop / s.min() / 1e9, s.count());
            log.flush();
            best = Math.max(best, median);
        }
        return best;
    }

    /** Per-call seconds of each timed sample. */
    static double[] time(Gemm gemm, int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(42);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] c = new float[m * n];
        Runnable call = () -> gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        long warmEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        do {
            call.run();
        } while (System.nanoTime() < warmEnd);
        long t0 = System.nanoTime();
        call.run();
        double one = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        int inner = (int) Math.max(1, Math.ceil(SAMPLE_SECONDS / one));
        int samples = (int) Math.min(15, Math.max(3, SHAPE_SECONDS / (one * inner)));
        double[] seconds = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            for (int j = 0; j < inner; j++) {
                call.run();
            }
            seconds[i] = (System.nanoTime() - start) / 1e9 / inner;
        }
        return seconds;
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
