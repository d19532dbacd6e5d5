package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;

/**
 * Finite-difference gradient check for the eager engine.
 *
 * <p>The function's output is reduced to a scalar {@code L = sum(out * probe)} with a fixed
 * random probe (so every output element matters with a distinct weight), L is accumulated in
 * double, and each input element's analytic gradient is compared with the central difference
 * {@code (L(x+h) - L(x-h)) / 2h}. The engine computes in float32, so h is 1e-2 and the tolerance
 * is {@code atol + rtol * max(|analytic|, |numeric|)}; a wrong sign, factor or index is far
 * outside it.
 */
public final class GradCheck {
    private static final double H = 1e-2;
    private final double atol;
    private final double rtol;

    private GradCheck(double atol, double rtol) {
        this.atol = atol;
        this.rtol = rtol;
    }

    /** The function under test: builds its output from the inputs with the given ops. */
    @FunctionalInterface
    public interface Fn {
        Tensor apply(EagerOps ops, List<Tensor> inputs);
    }

    public static GradCheck standard() {
        return new GradCheck(2e-3, 1e-2);
    }

    public static GradCheck tolerance(double atol, double rtol) {
        return new GradCheck(atol, rtol);
    }

    /** Random inputs in [-1, 1] (seeded). */
    public static float[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /**
     * Checks d(sum(f(inputs) * probe)) / d(input) for every input against finite differences.
     * {@code shapes[i]} is the shape of {@code values[i]}.
     */
    public void check(String what, Fn f, List<float[]> values, List<int[]> shapes) {
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        List<Tensor> vars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            vars.add(ops.variable(values.get(i).clone(), shapes.get(i)));
        }
        EagerTensor out = (EagerTensor) f.apply(ops, vars);
        float[] probe = random(99, out.size());
        ops.backward(out, probe);
        for (int i = 0; i < values.size(); i++) {
            float[] analytic = ((EagerTensor) vars.get(i)).grad();
            float[] x = values.get(i);
            for (int j = 0; j < x.length; j++) {
                double num = (loss(f, values, shapes, i, j, H, probe) - loss(f, values, shapes, i, j, -H, probe)) / (2 * H);
                double ana = analytic == null ? 0 : analytic[j];
                double tol = atol + rtol * Math.max(Math.abs(ana), Math.abs(num));
                if (!(Math.abs(ana - num) <= tol)) {
                    fail("%s: gradient of input %d element %d: analytic %.6f, numeric %.6f", what, i, j, ana, num);
                }
            }
        }
    }

    private static double loss(Fn f, List<float[]> values, List<int[]> shapes, int which,
            int elem, double h, float[] probe) {
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        List<Tensor> in = new ArrayList<>();
        try (var s = ops.noGrad()) {
            for (int i = 0; i < values.size(); i++) {
                float[] v = values.get(i).clone();
                if (i == which) {
                    v[elem] = (float) (v[elem] + h);
                }
                in.add(ops.constant(v, shapes.get(i)));
            }
            float[] out = ((EagerTensor) f.apply(ops, in)).floats();
            double l = 0;
            for (int k = 0; k < out.length; k++) {
                l += (double) out[k] * probe[k];
            }
            return l;
        }
    }
}
