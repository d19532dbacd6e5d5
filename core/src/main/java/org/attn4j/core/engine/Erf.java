package org.attn4j.core.engine;

/**
 * The error function, which the JDK lacks, to double precision for GELU.
 *
 * <p>For |x| < 2.5 the Maclaurin series erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
 * converges fast (terms shrink below 1e-17 within ~40 terms); beyond, the continued fraction for
 * erfc (Abramowitz and Stegun 7.1.14) evaluated with Lentz's method. Accurate to about 1e-15,
 * far below float32 resolution.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double SERIES_LIMIT = 2.5;

    private Erf() {
    }

    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < SERIES_LIMIT) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 80; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return TWO_OVER_SQRT_PI * sum;
        }
        double erfc = erfcLarge(ax);
        return x > 0 ? 1 - erfc : erfc - 1;
    }

    // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), x > 0
    private static double erfcLarge(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 200; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
