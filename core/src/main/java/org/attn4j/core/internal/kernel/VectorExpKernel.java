package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpKernel} with the Vector API: {@link FloatExp#exp(float)} written lane-wise (the same
 * IEEE operations in the same order), eight lanes at a time, the sum's {@value ExpKernel#BLOCK}
 * partial sums kept in two 8-lane accumulators and added in lane order, the maximum's lanes taken
 * in order too. No {@code lanewise(EXP)} and no {@code reduceLanes}: their compiled intrinsics
 * round differently from their interpreted fallbacks. Equal to {@link PlainExpKernel} bit for bit.
 * Load only when {@code jdk.incubator.vector} is in the boot layer, through {@link #create()}
 * (see {@link ExpKernels}); compiled separately, see core/pom.xml.
 */
final class VectorExpKernel implements ExpKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;
    /** Inputs in {@code [NORMAL_LO, NORMAL_HI]} have normal, finite results: the fast path of {@link #exp}. */
    private static final float NORMAL_LO = -86f;
    private static final float NORMAL_HI = 88f;
    private static final FloatVector LOG2E = FloatVector.broadcast(S, FloatExp.LOG2E);
    private static final FloatVector ROUND = FloatVector.broadcast(S, FloatExp.ROUND);
    private static final FloatVector NEG_LN2_HI = FloatVector.broadcast(S, -FloatExp.LN2_HI);
    private static final FloatVector NEG_LN2_LO = FloatVector.broadcast(S, -FloatExp.LN2_LO);
    private static final FloatVector C6 = FloatVector.broadcast(S, FloatExp.C6);
    private static final FloatVector C2 = FloatVector.broadcast(S, FloatExp.C2);
    private static final FloatVector C3 = FloatVector.broadcast(S, FloatExp.C3);
    private static final FloatVector C4 = FloatVector.broadcast(S, FloatExp.C4);
    private static final FloatVector C5 = FloatVector.broadcast(S, FloatExp.C5);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private VectorExpKernel() {
    }

    /**
     * This kernel where 256-bit vectors are native (AVX2 and wider), else the plain twin, which
     * computes the same bits and is faster than emulated vectors.
     */
    static ExpKernel create() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorExpKernel() : PlainExpKernel.INSTANCE;
    }

    /**
     * {@link FloatExp#exp(float)} lane-wise. When every lane lies in {@code [NORMAL_LO, NORMAL_HI]}
     * (so that k is in [-124, 127] and every result is a normal float), the clamp is the identity
     * and {@code p * 2^k} is exact, so it is formed by adding k to the exponent bits of p; this
     * gives the same bits as the two-factor product of the general path, with fewer operations.
     */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> normal = x.compare(VectorOperators.GE, NORMAL_LO)
                .and(x.compare(VectorOperators.LE, NORMAL_HI));
        if (!normal.allTrue()) {
            return expAnyRange(x);
        }
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector kf = t.sub(ROUND);
        IntVector k = ((IntVector) t.reinterpretAsInts()).sub(FloatExp.ROUND_BITS);
        FloatVector p = poly(kf, x);
        IntVector bits = ((IntVector) p.reinterpretAsInts()).add(k.lanewise(VectorOperators.LSHL, 23));
        return (FloatVector) bits.reinterpretAsFloats();
    }

    /** {@link FloatExp#exp(float)} lane-wise for any inputs, step by step as written there. */
    private static FloatVector expAnyRange(FloatVector x) {
        FloatVector xc = x.max(FloatExp.LO).min(FloatExp.HI);
        FloatVector t = xc.fma(LOG2E, ROUND);
        FloatVector kf = t.sub(ROUND);
        IntVector k = ((IntVector) t.reinterpretAsInts()).sub(FloatExp.ROUND_BITS);
        FloatVector p = poly(kf, xc);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = (FloatVector) k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = (FloatVector) k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** {@code exp(r)} for {@code r = xc - kf ln2}, reduced and evaluated as {@link FloatExp#exp(float)} does. */
    private static FloatVector poly(FloatVector kf, FloatVector xc) {
        FloatVector r = kf.fma(NEG_LN2_HI, xc);
        r = kf.fma(NEG_LN2_LO, r);
        FloatVector p = C6.fma(r, C5);
        p = p.fma(r, C4);
        p = p.fma(r, C3);
        p = p.fma(r, C2);
        p = p.fma(r, ONE);
        return p.fma(r, ONE);
    }

    @Override
    public float max(float[] x, int off, int n) {
        return max(x, off, n, null, 0);
    }

    @Override
    public float maxMasked(float[] x, int off, int n, float[] mask, int mOff) {
        return max(x, off, n, mask, mOff);
    }

    private static float max(float[] x, int off, int n, float[] mask, int mOff) {
        int bound = S.loopBound(n);
        float m = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (bound > 0) {
            FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, off + i);
                if (mask != null) {
                    v = acc.blend(v, on(mask, mOff + i));
                }
                acc = acc.max(v);
            }
            float[] lanes = new float[L];
            acc.intoArray(lanes, 0);
            for (float f : lanes) {
                m = Math.max(m, f);
            }
        }
        for (; i < n; i++) {
            if (mask == null || mask[mOff + i] != 0f) {
                m = Math.max(m, x[off + i]);
            }
        }
        return m;
    }

    @Override
    public double expShifted(float[] x, int off, int n, float shift, float[] out, int outOff) {
        return expShifted(x, off, n, shift, null, 0, out, outOff);
    }

    @Override
    public double expShiftedMasked(float[] x, int off, int n, float shift, float[] mask, int mOff, float[] out,
            int outOff) {
        return expShifted(x, off, n, shift, mask, mOff, out, outOff);
    }

    /** Both variants; {@code mask} null means every element counts. */
    private static double expShifted(float[] x, int off, int n, float shift, float[] mask, int mOff, float[] out,
            int outOff) {
        int bound = n - n % BLOCK;
        double s = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector zero = FloatVector.zero(S);
            FloatVector acc0 = zero;
            FloatVector acc1 = zero;
            for (; i < bound; i += BLOCK) {
                FloatVector e0 = exp(FloatVector.fromArray(S, x, off + i).sub(shift));
                FloatVector e1 = exp(FloatVector.fromArray(S, x, off + i + L).sub(shift));
                if (mask != null) {
                    e0 = zero.blend(e0, on(mask, mOff + i));
                    e1 = zero.blend(e1, on(mask, mOff + i + L));
                }
                e0.intoArray(out, outOff + i);
                e1.intoArray(out, outOff + i + L);
                acc0 = acc0.add(e0);
                acc1 = acc1.add(e1);
            }
            float[] part = new float[BLOCK];
            acc0.intoArray(part, 0);
            acc1.intoArray(part, L);
            for (float p : part) {
                s += p;
            }
        }
        for (; i < n; i++) {
            float e = mask != null && mask[mOff + i] == 0f ? 0f : FloatExp.exp(x[off + i] - shift);
            out[outOff + i] = e;
            s += e;
        }
        return s;
    }

    /** The lanes whose mask entry is non-zero. */
    private static VectorMask<Float> on(float[] mask, int at) {
        return FloatVector.fromArray(S, mask, at).compare(VectorOperators.NE, 0f);
    }
}
