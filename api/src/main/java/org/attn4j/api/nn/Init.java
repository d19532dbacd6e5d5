package org.attn4j.api.nn;

import java.util.random.RandomGenerator;
import org.attn4j.api.Parameter;

/**
 * Parameter initialisers. Every random one takes the generator explicitly: a model built twice
 * from generators with the same seed has identical weights.
 */
public final class Init {
    private Init() {
    }

    /** Uniform in [-bound, bound]. */
    public static Parameter uniform(Parameter p, float bound, RandomGenerator rng) {
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return p;
    }

    /** Normal with mean 0 and the given standard deviation. */
    public static Parameter normal(Parameter p, float std, RandomGenerator rng) {
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextGaussian() * std);
        }
        return p;
    }

    /** Glorot/Xavier uniform for a {@code [fanOut, fanIn]} matrix: bound sqrt(6 / (fanIn + fanOut)). */
    public static Parameter xavierUniform(Parameter p, RandomGenerator rng) {
        int[] s = p.shape();
        int fanOut = s[0];
        int fanIn = p.size() / fanOut;
        return uniform(p, (float) Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    /** Fills with a constant. */
    public static Parameter constant(Parameter p, float value) {
        java.util.Arrays.fill(p.data(), value);
        return p;
    }
}
