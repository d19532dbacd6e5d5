package org.attn4j.core.internal.kernel;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Weight arrays declared immutable by an inference-only owner (the {@code java} backend's
 * Translator, which loads its model from a directory and never trains it), and their transposed
 * copies, made on first use.
 *
 * <p>A linear layer multiplies by the transpose of its {@code [out, in]} weight. The Vector API
 * GEMM must repack a transposed operand on every call, which for the few rows of a decoding step
 * costs as much as the products; from the transposed copy the thin-A path reads B's rows
 * directly ({@link VectorThinGemm}) and the packed path copies whole vectors. The copy doubles
 * the memory of the linear layers' weights, so it is made only for the Vector API path (a native
 * BLAS reads the transposed operand in place) and only for frozen arrays, whose values never
 * change again: {@link #freeze} is a promise of the caller. Keys are held weakly by identity, so
 * a closed model's copies go with it. Thread-safe.
 */
public final class FrozenWeights {

    /** Frozen array to its transposed copy, or to itself until a copy is first asked for. */
    private static final Map<float[], float[]> TRANSPOSED = Collections.synchronizedMap(new WeakHashMap<>());

    private FrozenWeights() {
    }

    /** Declares {@code data} immutable from now on. */
    public static void freeze(float[] data) {
        TRANSPOSED.putIfAbsent(data, data);
    }

    /**
     * The transpose ({@code [cols, rows]}) of the frozen row-major {@code [rows, cols]} array
     * {@code data}, made once; {@code null} when {@code data} is not frozen or when the GEMM in
     * use would not gain from it (anything but the Vector API path).
     */
    public static float[] transposed(float[] data, int rows, int cols, Gemm gemm) {
        if (!"vector".equals(gemm.name())) {
            return null;
        }
        float[] t = TRANSPOSED.get(data);
        if (t == null) {
            return null;
        }
        return t != data ? t : transposeOnce(data, rows, cols);
    }

    private static float[] transposeOnce(float[] data, int rows, int cols) {
        float[] t = new float[data.length];
        for (int r = 0; r < rows; r++) {
            int src = r * cols;
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[src + c];
            }
        }
        synchronized (TRANSPOSED) {
            float[] old = TRANSPOSED.get(data);
            if (old != null && old != data) {
                return old;
            }
            TRANSPOSED.put(data, t);
        }
        return t;
    }
}
