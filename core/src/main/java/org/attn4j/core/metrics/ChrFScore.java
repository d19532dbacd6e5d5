package org.attn4j.core.metrics;

import java.util.Objects;

/**
 * A corpus chrF or chrF++ score.
 *
 * @param score the F-score in [0, 100]
 * @param name the metric as sacreBLEU names it: {@code chrF2}, {@code chrF2++}, ...
 * @param signature sacreBLEU's reproducibility signature, e.g.
 *        {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}
 */
public record ChrFScore(double score, String name, String signature) {

    public ChrFScore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signature, "signature");
    }

    /** sacreBLEU's one-line summary, for example {@code chrF2 = 59.73}. */
    public String format() {
        return name + " = " + Decimals.format(score, 2);
    }
}
