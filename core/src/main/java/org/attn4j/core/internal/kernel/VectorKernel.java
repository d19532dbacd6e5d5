package org.attn4j.core.internal.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner pieces of {@link VectorGemm}: packing of A and B into the micro-kernel's layout,
 * and the register-blocked micro-kernel itself. Static methods over flat arrays, no checks
 * (the driver has checked the call), no allocation.
 *
 * <p>Packed layouts, with {@code kc} the depth of the block:
 * <ul>
 *   <li>A: MR-tall slivers; sliver s holds rows {@code s*MR ...} as kc groups of MR floats
 *       ({@code pa[s*MR*kc + p*MR + r]}), multiplied by alpha, zero rows past the end;</li>
 *   <li>B: NR-wide slivers; sliver s holds columns {@code s*NR ...} as kc rows of NR floats
 *       ({@code pb[s*NR*kc + p*NR + j]}), zero columns past the end.</li>
 * </ul>
 */
final class VectorKernel {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: 8 with AVX2, 16 with AVX-512. */
    static final int L = S.length();
    /** Micro-tile rows: 6 rows x 2 vectors = 12 accumulators, 15 of AVX2's 16 registers. */
    static final int MR = 6;
    /** Micro-tile columns: two vectors. */
    static final int NR = 2 * L;

    /** Two vectors of zeros, read as every row of the starting tile when C's values are not wanted. */
    private static final float[] ZERO = new float[NR];

    private VectorKernel() {
    }

    /**
     * Updates the MR x NR tiles of C covered by one packed A block ({@code mc} rows from
     * {@code pa[aBase]}) and one packed B panel ({@code nc} columns), C's tile (0, 0) being at
     * {@code c[cIdx]}: {@code C += A B}, or {@code C = A B} when {@code overwrite}. The B sliver
     * loop is outside so that one KC x NR sliver stays in L1 while A slivers stream from L2.
     */
    static void macro(int mc, int nc, int kc, float[] pa, int aBase, float[] pb, float[] c,
            int cIdx, int ldc, boolean overwrite, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bi = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int ai = aBase + ir * kc;
                int ci = cIdx + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    if (overwrite) {
                        kernel(kc, pa, ai, pb, bi, ZERO, 0, 0, c, ci, ldc);
                    } else {
                        kernel(kc, pa, ai, pb, bi, c, ci, ldc, c, ci, ldc);
                    }
                } else {
                    kernel(kc, pa, ai, pb, bi, ZERO, 0, 0, tile, 0, NR);
                    mergeEdge(tile, mr, nr, c, ci, ldc, overwrite);
                }
            }
        }
    }

    /**
     * The 6 x 2L micro-kernel: loads a starting tile from {@code in} (C itself, or zeros with
     * {@code ldi = 0}), adds {@code kc} rank-1 updates, each one broadcast of an A element per
     * row, two loads of B and 12 FMAs, and stores the tile to {@code out}.
     *
     * <p>Deliberately free of branches on the vectors: with beta/accumulate branches before the
     * stores, C2 (JDK 17) stopped keeping the accumulators in registers and boxed them on every
     * call. Starting from C rather than adding it at the end also issues C's loads early.
     *
     * @throws IndexOutOfBoundsException if the packed A does not hold {@code kc} steps
     */
    static void kernel(int kc, float[] pa, int ai, float[] pb, int bi,
            float[] in, int ii, int ldi, float[] out, int oi, int ldo) {
        int end = ai + kc * MR;
        if (ai < 0 || end > pa.length) {
            throw new IndexOutOfBoundsException("packed A [" + ai + ", " + end + ") of " + pa.length);
        }
        FloatVector c00 = FloatVector.fromArray(S, in, ii);
        FloatVector c01 = FloatVector.fromArray(S, in, ii + L);
        FloatVector c10 = FloatVector.fromArray(S, in, ii + ldi);
        FloatVector c11 = FloatVector.fromArray(S, in, ii + ldi + L);
        FloatVector c20 = FloatVector.fromArray(S, in, ii + 2 * ldi);
        FloatVector c21 = FloatVector.fromArray(S, in, ii + 2 * ldi + L);
        FloatVector c30 = FloatVector.fromArray(S, in, ii + 3 * ldi);
        FloatVector c31 = FloatVector.fromArray(S, in, ii + 3 * ldi + L);
        FloatVector c40 = FloatVector.fromArray(S, in, ii + 4 * ldi);
        FloatVector c41 = FloatVector.fromArray(S, in, ii + 4 * ldi + L);
        FloatVector c50 = FloatVector.fromArray(S, in, ii + 5 * ldi);
        FloatVector c51 = FloatVector.fromArray(S, in, ii + 5 * ldi + L);
        // The loop runs on the A index so that C2 drops A's bounds checks (measured: about 15%
        // faster than counting p and computing both indices from it).
        for (int ap = ai, bp = bi; ap < end; ap += MR, bp += NR) {
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
        c00.intoArray(out, oi);
        c01.intoArray(out, oi + L);
        c10.intoArray(out, oi + ldo);
        c11.intoArray(out, oi + ldo + L);
        c20.intoArray(out, oi + 2 * ldo);
        c21.intoArray(out, oi + 2 * ldo + L);
        c30.intoArray(out, oi + 3 * ldo);
        c31.intoArray(out, oi + 3 * ldo + L);
        c40.intoArray(out, oi + 4 * ldo);
        c41.intoArray(out, oi + 4 * ldo + L);
        c50.intoArray(out, oi + 5 * ldo);
        c51.intoArray(out, oi + 5 * ldo + L);
    }

    /** Stores, or adds, the top-left {@code mr x nr} of a tile computed into {@code tile}. */
    private static void mergeEdge(float[] tile, int mr, int nr, float[] c, int ci, int ldc,
            boolean overwrite) {
        for (int r = 0; r < mr; r++) {
            int t = r * NR;
            int row = ci + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[row + j] = overwrite ? tile[t + j] : c[row + j] + tile[t + j];
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-wide slivers from {@code pb[pbBase]}. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc,
            int nc, float[] pb, int pbBase) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = pbBase + jr * kc;
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

    /** Packs alpha * op(A)[ic:ic+mc, pc:pc+kc] into MR-tall slivers at {@code pa[aBase]}. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc,
            int kc, float alpha, float[] pa, int aBase) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = aBase + ir * kc;
            int row = ic + ir;
            if (!transA && mr == MR) {
                // Six row streams in, one contiguous stream out: the JIT keeps this loop free
                // of bounds checks, unlike a row-by-row copy with stride-6 stores.
                int s0 = aOff + row * lda + pc;
                int s1 = s0 + lda;
                int s2 = s1 + lda;
                int s3 = s2 + lda;
                int s4 = s3 + lda;
                int s5 = s4 + lda;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * MR;
                    pa[d] = alpha * a[s0 + p];
                    pa[d + 1] = alpha * a[s1 + p];
                    pa[d + 2] = alpha * a[s2 + p];
                    pa[d + 3] = alpha * a[s3 + p];
                    pa[d + 4] = alpha * a[s4 + p];
                    pa[d + 5] = alpha * a[s5 + p];
                }
            } else if (!transA) {
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
}
