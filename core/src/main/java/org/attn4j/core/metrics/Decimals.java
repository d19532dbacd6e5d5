package org.attn4j.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point formatting that rounds like Python's {@code f"{x:.Nf}"}: the exact binary value
 * of the double, rounded half-to-even. ({@link String#format} rounds the shortest decimal
 * representation half-up instead, so {@code 0.125} would print as {@code 0.13}, not Python's
 * {@code 0.12}.)
 */
public final class Decimals {
    private Decimals() {
    }

    /**
     * Formats {@code x} with exactly {@code places} digits after the decimal point.
     *
     * @param x a finite value; {@code NaN} and infinities print as {@code nan}, {@code inf} and
     *          {@code -inf}, as Python does
     * @param places digits after the point, {@code >= 0}
     */
    public static String format(double x, int places) {
        if (places < 0) {
            throw new IllegalArgumentException("places must be >= 0, got " + places);
        }
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal drops the sign of a value that rounds to zero; Python keeps it ("-0.00").
        if ((x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }
}
