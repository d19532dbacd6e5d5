package org.attn4j.core.internal.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM in pure Java with the Vector API ({@code jdk.incubator.vector}), organised like
 * Goto/BLIS: cache blocking, packed panels and a register-blocked micro-kernel.
 *
 * <p>Loop nest for one part of C (rows {@code [m0, m1)}, columns {@code [n0, n1)}):
 * <pre>
 * for jc in columns, step NC          B panel KC x NC is packed once per (jc, pc): L3
 *   for pc in 0..k, step KC
 *     pack op(B)[pc:pc+KC, jc:jc+NC] into NR-wide slivers
 *     for ic in rows, step MC         A block MC x KC is packed (times alpha): L2
 *       pack op(A)[ic:ic+MC, pc:pc+KC] into MR-tall slivers
 *       for jr in NC, step NR         one B sliver KC x NR stays in L1 ...
 *         for ir in MC, step MR       ... while MR x NR tiles of C are computed
 *           micro-kernel: MR x NR accumulators in registers, KC rank-1 updates
 * </pre>
 * Packing turns every transA/transB combination, offset and leading dimension into the same
 * contiguous layout, so the micro-kernel only ever reads unit-stride packed data; partial
 * slivers are zero-padded and their tiles go through a small buffer. Alpha is folded into
 * the packed A; beta is applied when the first KC block of a tile is stored.
 *
 * <p>Parallelism: C is cut into {@link GemmThreads#threads()} parts along M when
 * {@code m >= n} (each part then packs the whole of B) and along N otherwise (each packs
 * the whole of A), so duplicated packing falls on the smaller operand and even {@code m = 64}
 * keeps every core busy. Each thread packs into its own buffers.
 *
 * <p>Load this class only when the {@code jdk.incubator.vector} module is in the boot layer
 * (see {@link Kernels}); it is compiled separately from the rest of the module for the same
 * reason (see core/pom.xml).
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: 8 with AVX2, 16 with AVX-512. */
    private static final int L = S.length();
    /** Micro-tile rows: 6 rows x 2 vectors = 12 accumulators, 15 of AVX2's 16 registers. */
    static final int MR = 6;
    /** Micro-tile columns: two vectors. */
    static final int NR = 2 * L;
    /** Depth of a packed block: a KC x NR sliver of B (16 KiB with AVX2) stays in L1. */
    static final int KC = 256;
    /** Rows of a packed A block: MC x KC floats (144 KiB) stay in a 512 KiB L2. */
    static final int MC = 24 * MR;
    /** Columns of a packed B panel: KC x NC floats (4 MiB) sit in L3. */
    static final int NC = 256 * NR;
    /** Below this many multiply-adds a call runs on the caller's thread alone. */
    static final long PARALLEL_MIN_MULADDS = 1L << 18;

    private static final int OVERWRITE = 0;
    private static final int ACCUMULATE = 1;
    private static final int SCALE = 2;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String name() {
        return "vector";
    }

    /** The vector shape in use, for logs: for example {@code float x 8 (256 bit)}. */
    static String species() {
        return "float x " + L + " (" + S.vectorBitSize() + " bit)";
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
        long muladds = (long) m * n * k;
        int parts = muladds < PARALLEL_MIN_MULADDS ? 1 : GemmThreads.threads();
        boolean splitRows = m >= n;
        int pm = splitRows ? Math.max(1, Math.min(parts, (m + MR - 1) / MR)) : 1;
        int pn = splitRows ? 1 : Math.max(1, Math.min(parts, (n + NR - 1) / NR));
        GemmThreads.run(pm * pn, t -> {
            int im = t / pn;
            int in = t % pn;
            int m0 = GemmThreads.splitPoint(m, pm, MR, im);
            int m1 = GemmThreads.splitPoint(m, pm, MR, im + 1);
            int n0 = GemmThreads.splitPoint(n, pn, NR, in);
            int n1 = GemmThreads.splitPoint(n, pn, NR, in + 1);
            if (m0 < m1 && n0 < n1) {
                part(transA, transB, m0, m1, n0, n1, k, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc, WORKSPACE.get());
            }
        });
    }

    /** C[m0:m1, n0:n1] = alpha * op(A)[m0:m1, :] * op(B)[:, n0:n1] + beta * C[m0:m1, n0:n1]. */
    private static void part(boolean transA, boolean transB, int m0, int m1, int n0, int n1,
            int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc, Workspace ws) {
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] pb = ws.packB(kc, nc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, pb);
                int mode = pc > 0 || beta == 1f ? ACCUMULATE : beta == 0f ? OVERWRITE : SCALE;
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    float[] pa = ws.packA(kc, mc);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, pa);
                    macro(mc, nc, kc, pa, pb, c, cOff + ic * ldc + jc, ldc, mode, beta, ws.tile);
                }
            }
        }
    }

    /** All MR x NR tiles of one packed A block against one packed B panel. */
    private static void macro(int mc, int nc, int kc, float[] pa, float[] pb, float[] c,
            int cIdx, int ldc, int mode, float beta, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bi = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                kernel(kc, pa, ir * kc, pb, bi, tile);
                int ci = cIdx + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    mergeTile(tile, c, ci, ldc, mode, beta);
                } else {
                    mergeEdgeTile(tile, mr, nr, c, ci, ldc, mode, beta);
                }
            }
        }
    }

    /**
     * The 6 x 2L micro-kernel: {@code kc} rank-1 updates of a tile held in 12 vector
     * registers, each step one broadcast of an A element per row and two loads of B; the
     * tile is then written to {@code tile} (row-major, NR wide).
     *
     * <p>Merging into C happens in a separate method on purpose: with the beta/accumulate
     * branches here, C2 (JDK 17) no longer kept the accumulators in registers and boxed them
     * on every call (gigabytes per second of garbage, a third of the speed).
     */
    private static void kernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector av = FloatVector.broadcast(S, pa[ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[ap + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[ap + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[ap + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, pa[ap + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, pa[ap + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** C tile = tile (OVERWRITE), C tile + tile (ACCUMULATE) or beta * C tile + tile (SCALE). */
    private static void mergeTile(float[] tile, float[] c, int ci, int ldc, int mode,
            float beta) {
        for (int r = 0; r < MR; r++) {
            int row = ci + r * ldc;
            for (int h = 0; h < NR; h += L) {
                FloatVector v = FloatVector.fromArray(S, tile, r * NR + h);
                if (mode == ACCUMULATE) {
                    v = FloatVector.fromArray(S, c, row + h).add(v);
                } else if (mode == SCALE) {
                    v = FloatVector.fromArray(S, c, row + h).mul(beta).add(v);
                }
                v.intoArray(c, row + h);
            }
        }
    }

    /** Like {@link #mergeTile} for the top-left {@code mr x nr} of the tile only. */
    private static void mergeEdgeTile(float[] tile, int mr, int nr, float[] c, int ci, int ldc,
            int mode, float beta) {
        for (int r = 0; r < mr; r++) {
            int t = r * NR;
            int row = ci + r * ldc;
            for (int j = 0; j < nr; j++) {
                float v = tile[t + j];
                if (mode == OVERWRITE) {
                    c[row + j] = v;
                } else if (mode == ACCUMULATE) {
                    c[row + j] += v;
                } else {
                    c[row + j] = c[row + j] * beta + v;
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] as NR-wide slivers: sliver s holds columns
     * {@code jc + s*NR ...} as kc rows of NR contiguous floats, zero-padded past nc.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc,
            int nc, float[] pb) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            int col = jc + jr;
            if (!transB && nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + col;
                    FloatVector.fromArray(S, b, src).intoArray(pb, base + p * NR);
                    FloatVector.fromArray(S, b, src + L).intoArray(pb, base + p * NR + L);
                }
            } else if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + col;
                    int dst = base + p * NR;
                    System.arraycopy(b, src, pb, dst, nr);
                    Arrays.fill(pb, dst + nr, dst + NR, 0f);
                }
            } else {
                // B is stored [n, k]: column j of op(B) is a contiguous run of row j.
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (col + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        pb[base + p * NR + j] = b[src + p];
                    }
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        pb[base + p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs alpha * op(A)[ic:ic+mc, pc:pc+kc] as MR-tall slivers: sliver s holds rows
     * {@code ic + s*MR ...} as kc columns of MR contiguous floats, zero-padded past mc.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc,
            int kc, float alpha, float[] pa) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            int row = ic + ir;
            if (!transA) {
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (row + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        pa[base + p * MR + r] = alpha * a[src + p];
                    }
                }
            } else {
                // A is stored [k, m]: the MR elements of one column of a sliver are contiguous.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + row;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        pa[dst + r] = alpha * a[src + r];
                    }
                }
            }
            for (int r = mr; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    pa[base + p * MR + r] = 0f;
                }
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        private float[] packA = new float[0];
        private float[] packB = new float[0];
        final float[] tile = new float[MR * NR];

        float[] packA(int kc, int mc) {
            int need = ((mc + MR - 1) / MR) * MR * kc;
            if (packA.length < need) {
                packA = new float[Math.max(need, MC * KC)];
            }
            return packA;
        }

        float[] packB(int kc, int nc) {
            int need = ((nc + NR - 1) / NR) * NR * kc;
            if (packB.length < need) {
                packB = new float[need];
            }
            return packB;
        }
    }
}
