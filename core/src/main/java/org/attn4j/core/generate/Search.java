package org.attn4j.core.generate;

import java.util.List;
import org.attn4j.api.text.Vocabulary;

/**
 * A decoding algorithm over a {@link StepFunction}: greedy, beam or sampling. Every search
 * starts each target with {@link Vocabulary#BOS}, stops a hypothesis at {@link Vocabulary#EOS},
 * and caps the length at {@code maxLength} target tokens, or, when that is 0 (the default),
 * at {@code 2 * source length + 10}. No search ever outputs {@code <pad>} or {@code <s>}: their
 * logits are set to minus infinity before any choice or normalisation (greedy, sampling and the
 * attn4j beam), except where a search documents otherwise.
 *
 * <p>Searches are immutable and thread-safe; the step function they are given is not shared.
 */
public interface Search {

    /**
     * Decodes every source; returns for each source its hypotheses, best first (one for greedy
     * and sampling, up to n-best for beam search). With {@code withAttention} each hypothesis
     * carries its target x source attention matrix.
     */
    <S> List<List<Hypothesis>> search(StepFunction<S> model, int[][] sources, boolean withAttention);

    /** The length cap for a source of length {@code sourceLength}. */
    static int maxSteps(int maxLength, int sourceLength) {
        return maxLength > 0 ? maxLength : 2 * sourceLength + 10;
    }
}
