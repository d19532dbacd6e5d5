package org.attn4j.core.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.attn4j.api.ConfigurationException;

/**
 * How BLEU treats an n-gram order with no match, named as in sacreBLEU ({@code --smooth-method});
 * the methods are numbered as in Chen and Cherry, "A Systematic Comparison of Smoothing
 * Techniques for Sentence-Level BLEU" (WMT 2014). With {@code m_n} matched and {@code t_n}
 * total hypothesis n-grams of order {@code n}, the precision {@code p_n} (in percent) is:
 * <ul>
 *   <li>{@link #NONE}: {@code 100 m_n / t_n}; a zero precision makes the score 0.</li>
 *   <li>{@link #FLOOR} (method 1, value {@code e}, default 0.1): {@code 100 e / t_n} where
 *       {@code m_n = 0}.</li>
 *   <li>{@link #ADD_K} (method 2, value {@code k}, default 1): {@code 100 (m_n + k) / (t_n + k)}
 *       for every {@code n >= 2}; unigrams are never smoothed.</li>
 *   <li>{@link #EXP} (method 3, mteval's, the default): the {@code j}-th order with
 *       {@code m_n = 0} gets {@code 100 / (2^j t_n)}.</li>
 * </ul>
 * With every method a corpus with no matching n-gram at all scores exactly 0, and an order with
 * no hypothesis n-gram at all ({@code t_n = 0}) ends the computation (its precision stays 0).
 */
public enum Smoothing {
    /** {@code exp}: halve the pseudo-count at each further order without matches. */
    EXP("exp", OptionalDouble.empty()),
    /** {@code floor}: a fixed pseudo-count (default 0.1) for orders without matches. */
    FLOOR("floor", OptionalDouble.of(0.1)),
    /** {@code add-k}: add {@code k} (default 1) to matches and totals of orders 2 and up. */
    ADD_K("add-k", OptionalDouble.of(1.0)),
    /** {@code none}: no smoothing. */
    NONE("none", OptionalDouble.empty());

    private final String id;
    private final OptionalDouble defaultValue;

    Smoothing(String id, OptionalDouble defaultValue) {
        this.id = id;
        this.defaultValue = defaultValue;
    }

    /** The name used by sacreBLEU, in signatures and on the command line. */
    public String id() {
        return id;
    }

    /** The default smoothing value, or empty for methods that take none. */
    public OptionalDouble defaultValue() {
        return defaultValue;
    }

    /** Whether the method reads a smoothing value ({@code floor} and {@code add-k}). */
    public boolean takesValue() {
        return defaultValue.isPresent();
    }

    /**
     * The method with the given sacreBLEU name.
     *
     * @throws ConfigurationException if no method has that name; the message lists them
     */
    public static Smoothing fromId(String id) {
        Objects.requireNonNull(id, "id");
        for (Smoothing s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new ConfigurationException("unknown BLEU smoothing method '" + id + "'; valid: "
                + Arrays.stream(values()).map(Smoothing::id).collect(Collectors.joining(", ")));
    }
}
