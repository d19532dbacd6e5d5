package org.attn4j.core.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReluKernel} with the Vector API: a compare and a blend per vector, the tail in scalar
 * code. Load only when {@code jdk.incubator.vector} is in the boot layer; compiled separately,
 * see core/pom.xml.
 */
final class VectorReluKernel implements ReluKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorReluKernel() {
    }

    /** Called by name from {@link Kernels#vectorOr}. */
    static ReluKernel create() {
        return new VectorReluKernel();
    }

    @Override
    public void forward(float[] x, float[] y, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (; i + S.length() <= to; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            zero.blend(v, positive).intoArray(y, i);
        }
        for (; i < to; i++) {
            float v = x[i];
            y[i] = v > 0 ? v : 0f;
        }
    }

    @Override
    public void maskInPlace(float[] x, float[] g, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (; i + S.length() <= to; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, g, i), positive).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = x[i] > 0 ? g[i] : 0f;
        }
    }
}
