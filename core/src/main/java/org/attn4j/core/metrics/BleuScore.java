package org.attn4j.core.metrics;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A corpus BLEU score with the statistics behind it, as sacreBLEU reports them.
 *
 * @param score BLEU in [0, 100]
 * @param precisions the n-gram precisions p_1..p_N in percent, after smoothing (all 0 when no
 *        n-gram matched, where sacreBLEU stops early)
 * @param matches the clipped matching n-gram counts m_1..m_N, before any add-k smoothing
 * @param totals the hypothesis n-gram counts t_1..t_N, before any add-k smoothing
 * @param brevityPenalty BP in [0, 1]
 * @param ratio hypothesis length / reference length (0 when the reference length is 0)
 * @param hypLength the number of hypothesis tokens in the corpus
 * @param refLength the sum over segments of the closest reference length
 * @param signature sacreBLEU's reproducibility signature, e.g.
 *        {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}
 */
public record BleuScore(double score, List<Double> precisions, List<Long> matches, List<Long> totals,
        double brevityPenalty, double ratio, long hypLength, long refLength, String signature) {

    public BleuScore {
        precisions = List.copyOf(precisions);
        matches = List.copyOf(matches);
        totals = List.copyOf(totals);
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * sacreBLEU's one-line summary, for example
     * {@code BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}.
     */
    public String format() {
        return "BLEU = " + Decimals.format(score, 2) + " "
                + precisions.stream().map(p -> Decimals.format(p, 1)).collect(Collectors.joining("/"))
                + " (BP = " + Decimals.format(brevityPenalty, 3) + " ratio = " + Decimals.format(ratio, 3)
                + " hyp_len = " + hypLength + " ref_len = " + refLength + ")";
    }
}
