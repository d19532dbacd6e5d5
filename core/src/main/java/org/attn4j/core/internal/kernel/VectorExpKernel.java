package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpKernel} with the Vector API: the exponential is {@code lanewise(EXP)}, which the
 * JDK compiles to its vectorised math library on x86; the sum is taken per lane in float, then
 * across lanes, then the tail in double. Load only when {@code jdk.incubator.vector} is in the
 * boot layer (see {@link ExpKernels}); compiled separately, see core/pom.xml.
 */
final class VectorExpKernel implements ExpKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    VectorExpKernel() {
    }

    @Override
    public float max(float[] x, int off, int n) {
        int bound = S.loopBound(n);
        float m = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (bound > 0) {
            FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += S.length()) {
                acc = acc.max(FloatVector.fromArray(S, x, off + i));
            }
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    @Override
    public double expShifted(float[] x, int off, int n, float shift, float[] out, int outOff) {
        int bound = S.loopBound(n);
        double s = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector sh = FloatVector.broadcast(S, shift);
            FloatVector acc = FloatVector.zero(S);
            for (; i < bound; i += S.length()) {
                FloatVector e = FloatVector.fromArray(S, x, off + i).sub(sh).lanewise(VectorOperators.EXP);
                e.intoArray(out, outOff + i);
                acc = acc.add(e);
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            double e = Math.exp(x[off + i] - shift);
            out[outOff + i] = (float) e;
            s += e;
        }
        return s;
    }
}
