package org.attn4j.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;

/**
 * Finite-difference gradient check for the eager engine, for ops, layers and plugins.
 *
 * <p>The function's output is reduced to a scalar {@code L = sum(out * probe)} with a fixed
 * random probe (so every output element matters with a distinct weight), L is accumulated in
 * double, and the analytic gradient of each input element and each parameter element is compared
 * with the central difference {@code (L(x+h) - L(x-h)) / 2h}. The engine computes in float32, so
 * h is 1e-2 and the tolerance is {@code atol + rtol * max(|analytic|, |numeric|)}; a wrong sign,
 * factor or index is far outside it. Each evaluation gets a fresh {@link EagerOps} seeded alike,
 * so dropout draws the same mask every time.
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

    /** Random values in [-1, 1] (seeded). */
    public static float[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** Checks the gradients of every input; {@code shapes[i]} is the shape of {@code values[i]}. */
    public void check(String what, Fn f, List<float[]> values, List<int[]> shapes) {
        check(what, f, values, shapes, List.of());
    }

    /** Checks the gradients of every input and of every element of {@code parameters}. */
    public void check(String what, Fn f, List<float[]> values, List<int[]> shapes, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
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
                float keep = x[j];
                x[j] = (float) (keep + H);
                double plus = loss(f, values, shapes, probe);
                x[j] = (float) (keep - H);
                double minus = loss(f, values, shapes, probe);
                x[j] = keep;
                compare(what + ": input " + i, j, analytic == null ? 0 : analytic[j], (plus - minus) / (2 * H));
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] analytic = p.grad().clone();
            float[] d = p.data();
            for (int j = 0; j < d.length; j++) {
                float keep = d[j];
                d[j] = (float) (keep + H);
                double plus = loss(f, values, shapes, probe);
                d[j] = (float) (keep - H);
                double minus = loss(f, values, shapes, probe);
                d[j] = keep;
                compare(what + ": parameter " + i + " " + p, j, analytic[j], (plus - minus) / (2 * H));
            }
            p.zeroGrad();
        }
    }

    private void compare(String what, int element, double analytic, double numeric) {
        double tol = atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric));
        if (!(Math.abs(analytic - numeric) <= tol)) {
            fail("%s element %d: analytic gradient %.6f, numeric %.6f", what, element, analytic, numeric);
        }
    }

    private static double loss(Fn f, List<float[]> values, List<int[]> shapes, float[] probe) {
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        List<Tensor> in = new ArrayList<>();
        try (var s = ops.noGrad()) {
            for (int i = 0; i < values.size(); i++) {
                in.add(ops.constant(values.get(i).clone(), shapes.get(i)));
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
