package org.attn4j.core.generate;

/**
 * One generated target sequence.
 *
 * @param tokens    the target ids, without BOS and without the final EOS
 * @param logProb   the sum of the log-probabilities of the tokens and of EOS (if it was produced)
 * @param score     the value the search ranked by: {@code logProb} for greedy and sampling,
 *                  {@code logProb / lengthPenalty} for beam search
 * @param finished  whether the sequence ended with EOS (false when it hit the length limit)
 * @param attention per target step (tokens, then EOS if finished) the weights over the source,
 *                  {@code [steps][sourceLength]}; null when attention was not requested
 */
public record Hypothesis(int[] tokens, double logProb, double score, boolean finished, float[][] attention) {
}
