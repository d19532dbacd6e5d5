package org.attn4j.core.pipeline;

import java.util.List;

/**
 * One translated sentence.
 *
 * @param text         the detokenised translation
 * @param sourceTokens the source as the model saw it (after any truncation), without EOS
 * @param targetTokens the generated tokens, without BOS and EOS
 * @param score        the search's score (log-probability, length-normalised for beam search)
 * @param attention    target x source weights ({@code [targetTokens + 1][sourceTokens + 1]}, the
 *                     last row for EOS and the last column for the source's EOS), or null when
 *                     not requested
 * @param truncated    whether the source was longer than the model's limit and was cut
 */
public record Translation(String text, List<String> sourceTokens, List<String> targetTokens, double score,
        float[][] attention, boolean truncated) {
}
