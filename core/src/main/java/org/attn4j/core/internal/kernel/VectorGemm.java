package org.attn4j.core.internal.kernel;

import java.util.function.IntConsumer;

/**
 * GEMM in pure Java with the Vector API ({@code jdk.incubator.vector}), organised like
 * Goto/BLIS: cache blocking, packed panels and a register-blocked micro-kernel
 * ({@link VectorKernel}).
 *
 * <p>Loop nest for one part of C (rows {@code [m0, m1)}, columns {@code [n0, n1)}):
 * <pre>
 * for jc in columns, step NC          B panel KC x NC, packed once per (jc, pc): L3
 *   for pc in 0..k, step KC
 *     pack op(B)[pc:pc+KC, jc:jc+NC] into NR-wide slivers
 *     for ic in rows, step MC         A block MC x KC, packed times alpha: L2
 *       pack op(A)[ic:ic+MC, pc:pc+KC] into MR-tall slivers (unless packed up front)
 *       for jr in NC, step NR         one B sliver KC x NR stays in L1 ...
 *         for ir in MC, step MR       ... while MR x NR tiles of C are updated
 *           micro-kernel: MR x NR accumulators in registers, KC rank-1 updates
 * </pre>
 * Packing turns every transA/transB combination, offset and leading dimension into the same
 * contiguous layout, so the micro-kernel reads unit-stride data only; partial slivers are
 * zero-padded and their tiles go through a small buffer. Alpha is folded into the packed A;
 * beta 0 makes the first KC block overwrite C, any other beta except 1 scales C first.
 *
 * <p>Parallelism ({@link GemmThreads}): C is cut into up to {@value #PARTS_PER_THREAD} parts
 * per thread, claimed dynamically so that a core slowed by other work takes fewer. When
 * {@code m >= n} the parts run along M: every B panel is packed once, by all threads, then
 * shared while each part packs the A blocks of its rows. Otherwise they run along N: A is
 * packed once up front and shared while each part packs its own columns of B, so a small M
 * such as 64 still keeps every core busy. No operand is packed twice, except an A larger than
 * {@link #SHARED_A_MAX} along N, which each part then packs for itself.
 *
 * <p>Load this class only when the {@code jdk.incubator.vector} module is in the boot layer
 * (see {@link Kernels}); it is compiled separately from the rest of the module for the same
 * reason (see core/pom.xml).
 */
final class VectorGemm implements Gemm {

    static final int MR = VectorKernel.MR;
    static final int NR = VectorKernel.NR;
    /** Depth of a packed block: a KC x NR sliver of B (16 KiB with AVX2) stays in L1. */
    static final int KC = 256;
    /** Rows of a packed A block: MC x KC floats (144 KiB) stay in a 512 KiB L2. */
    static final int MC = 24 * MR;
    /** Columns of a packed B panel: KC x NC floats (4 MiB with AVX2) sit in L3. */
    static final int NC = 256 * NR;
    /** Below this many multiply-adds a call runs on the caller's thread alone. */
    static final long PARALLEL_MIN_MULADDS = 1L << 18;
    /** Parts per thread at most, for load balance on a shared machine. */
    static final int PARTS_PER_THREAD = 4;
    /** Fewest rows per part along M beyond one part per thread. */
    static final int MIN_PART_ROWS = 16 * MR;
    /** Fewest columns per part along N beyond one part per thread. */
    static final int MIN_PART_COLS = 4 * NR;
    /** Largest A, in floats, that is packed once and shared by parts along N. */
    static final long SHARED_A_MAX = 1L << 21;
    /** Largest A, in floats, packed on the caller's thread alone before a split along N. */
    static final long SERIAL_PACK_MAX = 1L << 16;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String name() {
        return "vector";
    }

    /** The vector shape in use, for logs: for example {@code float x 8 (256 bit)}. */
    static String species() {
        return "float x " + VectorKernel.L + " (" + VectorKernel.S.vectorBitSize() + " bit)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            PlainGemm.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (beta != 0f && beta != 1f) {
            PlainGemm.scale(m, n, beta, c, cOff, ldc);
        }
        // After the scaling above only two cases remain: C = A B (beta 0) or C += A B.
        Call call = new Call(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta == 0f,
                c, cOff, ldc);
        int threads = (long) m * n * k < PARALLEL_MIN_MULADDS ? 1 : GemmThreads.threads();
        if (m < MR && !transB) {
            thin(call, m, n, threads);
        } else if (threads == 1) {
            part(call, 0, m, 0, n, null, 0, WORKSPACE.get());
        } else if (m >= n) {
            splitRows(call, m, n, threads);
        } else {
            splitColumns(call, m, n, threads);
        }
    }

    /**
     * A thin A times an untransposed B ({@link VectorThinGemm}): nothing is packed; parts along
     * N, claimed dynamically, as many as {@link #parts} gives.
     */
    private static void thin(Call x, int m, int n, int threads) {
        int parts = threads == 1 ? 1 : parts(n, threads, MIN_PART_COLS, 4 * VectorKernel.L);
        GemmThreads.run(parts, t -> {
            int n0 = GemmThreads.splitPoint(n, parts, 4 * VectorKernel.L, t);
            int n1 = GemmThreads.splitPoint(n, parts, 4 * VectorKernel.L, t + 1);
            if (n0 < n1) {
                VectorThinGemm.columns(x.transA, m, x.k, x.alpha, x.a, x.aOff, x.lda, x.b, x.bOff, x.ldb,
                        x.overwrite, x.c, x.cOff, x.ldc, n0, n1);
            }
        });
    }

    /**
     * Parts along M. Each B panel is packed once, by all threads, into the caller's workspace
     * and then shared while the parts, claimed dynamically, pack their own A blocks.
     */
    private static void splitRows(Call x, int m, int n, int threads) {
        int parts = parts(m, threads, MIN_PART_ROWS, MR);
        float[] pb = WORKSPACE.get().sharedB(KC * ((Math.min(NC, n) + NR - 1) / NR * NR));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int slivers = (nc + NR - 1) / NR;
            int packTasks = Math.min(slivers, threads * PARTS_PER_THREAD);
            for (int pc = 0; pc < x.k; pc += KC) {
                int kc = Math.min(KC, x.k - pc);
                int jc0 = jc;
                int pc0 = pc;
                GemmThreads.run(packTasks, t -> {
                    int s0 = GemmThreads.splitPoint(slivers, packTasks, 1, t);
                    int s1 = GemmThreads.splitPoint(slivers, packTasks, 1, t + 1);
                    int cols = Math.min(nc, s1 * NR) - s0 * NR;
                    if (cols > 0) {
                        VectorKernel.packB(x.transB, x.b, x.bOff, x.ldb, pc0, kc, jc0 + s0 * NR,
                                cols, pb, s0 * NR * kc);
                    }
                });
                boolean overwrite = pc == 0 && x.overwrite;
                GemmThreads.run(parts, t -> {
                    int m0 = GemmThreads.splitPoint(m, parts, MR, t);
                    int m1 = GemmThreads.splitPoint(m, parts, MR, t + 1);
                    Workspace ws = WORKSPACE.get();
                    for (int ic = m0; ic < m1; ic += MC) {
                        int mc = Math.min(MC, m1 - ic);
                        float[] pa = ws.packA(kc, mc);
                        VectorKernel.packA(x.transA, x.a, x.aOff, x.lda, ic, mc, pc0, kc, x.alpha,
                                pa, 0);
                        VectorKernel.macro(mc, nc, kc, pa, 0, pb, x.c, x.cOff + ic * x.ldc + jc0,
                                x.ldc, overwrite, ws.tile);
                    }
                });
            }
        }
    }

    /**
     * Parts along N, claimed dynamically, each packing its own B. A is packed whole up front
     * (in parallel when it is large) and shared, unless it is too large to keep.
     */
    private static void splitColumns(Call x, int m, int n, int threads) {
        int parts = parts(n, threads, MIN_PART_COLS, NR);
        int mPad = (m + MR - 1) / MR * MR;
        float[] sharedA = (long) mPad * x.k <= SHARED_A_MAX ? packAllOfA(x, m, mPad) : null;
        GemmThreads.run(parts, t -> {
            int n0 = GemmThreads.splitPoint(n, parts, NR, t);
            int n1 = GemmThreads.splitPoint(n, parts, NR, t + 1);
            if (n0 < n1) {
                part(x, 0, m, n0, n1, sharedA, mPad, WORKSPACE.get());
            }
        });
    }

    /** Parts for a dimension of {@code size}: one per thread, more while each keeps {@code minSize}. */
    private static int parts(int size, int threads, int minSize, int align) {
        int parts = Math.min(threads * PARTS_PER_THREAD, Math.max(threads, size / minSize));
        return Math.max(1, Math.min(parts, (size + align - 1) / align));
    }

    /**
     * Packs alpha * op(A) whole into the caller's workspace: block (pc, ic) at
     * {@code pc * mPad + ic * kc}, the layout {@link #part} reads with a shared A. Small A is
     * packed on the caller's thread, which is cheaper than waking the others.
     */
    private static float[] packAllOfA(Call x, int m, int mPad) {
        int k = x.k;
        float[] shared = WORKSPACE.get().sharedA(mPad * k);
        int mBlocks = (m + MC - 1) / MC;
        int kBlocks = (k + KC - 1) / KC;
        IntConsumer packBlock = t -> {
            int pc = t / mBlocks * KC;
            int ic = t % mBlocks * MC;
            int kc = Math.min(KC, k - pc);
            VectorKernel.packA(x.transA, x.a, x.aOff, x.lda, ic, Math.min(MC, m - ic), pc, kc,
                    x.alpha, shared, pc * mPad + ic * kc);
        };
        if ((long) mPad * k <= SERIAL_PACK_MAX) {
            for (int t = 0; t < mBlocks * kBlocks; t++) {
                packBlock.accept(t);
            }
        } else {
            GemmThreads.run(mBlocks * kBlocks, packBlock);
        }
        return shared;
    }

    /**
     * C[m0:m1, n0:n1] (+)= alpha * op(A)[m0:m1, :] * op(B)[:, n0:n1], reading A from
     * {@code sharedA} when it is not null (then {@code m0} is 0).
     */
    private static void part(Call x, int m0, int m1, int n0, int n1, float[] sharedA, int mPad,
            Workspace ws) {
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < x.k; pc += KC) {
                int kc = Math.min(KC, x.k - pc);
                float[] pb = ws.packB(kc, nc);
                VectorKernel.packB(x.transB, x.b, x.bOff, x.ldb, pc, kc, jc, nc, pb, 0);
                boolean overwrite = pc == 0 && x.overwrite;
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    float[] pa = sharedA;
                    int aBase = pc * mPad + ic * kc;
                    if (pa == null) {
                        pa = ws.packA(kc, mc);
                        aBase = 0;
                        VectorKernel.packA(x.transA, x.a, x.aOff, x.lda, ic, mc, pc, kc, x.alpha,
                                pa, 0);
                    }
                    VectorKernel.macro(mc, nc, kc, pa, aBase, pb, x.c, x.cOff + ic * x.ldc + jc,
                            x.ldc, overwrite, ws.tile);
                }
            }
        }
    }

    /** The arguments of one sgemm call that every part shares (m and n are per part). */
    private static final class Call {
        final boolean transA;
        final boolean transB;
        final int k;
        final float alpha;
        final float[] a;
        final int aOff;
        final int lda;
        final float[] b;
        final int bOff;
        final int ldb;
        final boolean overwrite;
        final float[] c;
        final int cOff;
        final int ldc;

        Call(boolean transA, boolean transB, int k, float alpha, float[] a, int aOff, int lda,
                float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc) {
            this.transA = transA;
            this.transB = transB;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.overwrite = overwrite;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
        }
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        private float[] packA = new float[0];
        private float[] packB = new float[0];
        private float[] sharedA = new float[0];
        private float[] sharedB = new float[0];
        final float[] tile = new float[MR * NR];

        float[] packA(int kc, int mc) {
            int need = (mc + MR - 1) / MR * MR * kc;
            if (packA.length < need) {
                packA = new float[Math.max(need, MC * KC)];
            }
            return packA;
        }

        float[] packB(int kc, int nc) {
            int need = (nc + NR - 1) / NR * NR * kc;
            if (packB.length < need) {
                packB = new float[need];
            }
            return packB;
        }

        float[] sharedB(int need) {
            if (sharedB.length < need) {
                sharedB = new float[need];
            }
            return sharedB;
        }

        float[] sharedA(int need) {
            if (sharedA.length < need) {
                sharedA = new float[need];
            }
            return sharedA;
        }
    }
}
