package org.attn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attn4j.api.Parameter;

/** Analytic objectives whose gradients the tests write into {@link Parameter#grad()} by hand. */
final class Functions {
    private Functions() {
    }

    /** A parameter of shape [values.length] holding {@code values}. */
    static Parameter param(float... values) {
        Parameter p = new Parameter(values.length);
        p.set(values);
        return p;
    }

    static Map<String, Parameter> named(Parameter... ps) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (int i = 0; i < ps.length; i++) {
            m.put("p" + i, ps[i]);
        }
        return m;
    }

    /**
     * The bowl {@code f(w) = 1/2 sum a_i (w_i - c_i)^2}; writes its gradient {@code a_i (w_i - c_i)}
     * into {@code p.grad()} and returns f.
     */
    static double bowl(Parameter p, double[] a, double[] c) {
        float[] w = p.data();
        float[] g = p.grad();
        double f = 0;
        for (int i = 0; i < w.length; i++) {
            double d = w[i] - c[i];
            f += 0.5 * a[i] * d * d;
            g[i] = (float) (a[i] * d);
        }
        return f;
    }

    /**
     * Rosenbrock's valley {@code f(x, y) = (1 - x)^2 + 100 (y - x^2)^2} at {@code p = [x, y]};
     * writes the gradient into {@code p.grad()} and returns f. Minimum 0 at (1, 1).
     */
    static double rosenbrock(Parameter p) {
        double x = p.data()[0];
        double y = p.data()[1];
        double r = y - x * x;
        p.grad()[0] = (float) (-2 * (1 - x) - 400 * x * r);
        p.grad()[1] = (float) (200 * r);
        return (1 - x) * (1 - x) + 100 * r * r;
    }

    static double maxAbsDiff(float[] actual, double[] expected) {
        double m = 0;
        for (int i = 0; i < actual.length; i++) {
            m = Math.max(m, Math.abs(actual[i] - expected[i]));
        }
        return m;
    }
}
