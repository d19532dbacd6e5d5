package org.attn4j.bench.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload W4: one {@code C[M,N] = A[M,K] B[K,N]} (no transposes, alpha 1, beta 0) into a
 * preallocated C, per GEMM path and shape, like {@code torch.mm(a, b, out=c)} in the peer
 * script {@code shared/bench/peer/w4_gemm.py}.
 *
 * <p>Besides the call rate, the secondary result {@code gflops} counts 2*M*K*N / 1e9 per call,
 * so with the seconds time unit it reads directly as GFLOP/s. Run, for example:
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar GemmBenchmark \
 *     -p path=vector,native -p shape=1024x512x512
 * </pre>
 * A path that cannot run in this JVM (no native BLAS, no incubator module) fails its own
 * runs with the reason and the others continue.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
@State(Scope.Benchmark)
public class GemmBenchmark {

    /** GEMM path, as for the system property attn4j.gemm. */
    @Param({"vector", "native", "plain"})
    public String path;

    /** M x K x N: C is M x N, the inner dimension is K (the order of WORKLOADS.md). */
    @Param({"1024x512x512", "1024x512x1536", "1024x256x6000", "64x512x512", "2048x2048x2048"})
    public String shape;

    /**
     * Storage of A and B: {@code NN} is W4 ({@code A[M,K]}, {@code B[K,N]}); {@code NT} stores
     * B as {@code [N,K]} (a linear layer's weight), {@code TN} stores A as {@code [K,M]} (a
     * weight gradient). Only NN runs unless asked for with {@code -p trans=NN,NT,TN}.
     */
    @Param({"NN"})
    public String trans;

    private Gemm gemm;
    private boolean transA;
    private boolean transB;
    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;
    private double gflopPerCall;

    /** GFLOP done, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** Accumulated 2*M*K*N / 1e9 of the calls made. */
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        if (dims.length != 3) {
            throw new IllegalArgumentException("shape must be MxKxN, got " + shape);
        }
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        if (!trans.matches("[NT][NT]")) {
            throw new IllegalArgumentException("trans must be NN, NT, TN or TT, got " + trans);
        }
        transA = trans.charAt(0) == 'T';
        transB = trans.charAt(1) == 'T';
        gemm = Kernels.create(path);
        SplittableRandom rnd = new SplittableRandom(42);
        a = random(rnd, m * k);
        b = random(rnd, k * n);
        c = new float[m * n];
        gflopPerCall = 2.0 * m * k * n / 1e9;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    @Benchmark
    public float[] sgemm(Flops flops) {
        gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n,
                0f, c, 0, n);
        flops.gflops += gflopPerCall;
        return c;
    }
}
