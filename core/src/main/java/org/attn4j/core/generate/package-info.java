/**
 * Decoding written once against {@link org.attn4j.core.generate.StepFunction}: greedy, beam and
 * sampling search ({@link org.attn4j.core.generate.Search}), with attention traces; the eager
 * engine provides a step function in {@link org.attn4j.core.generate.EagerStepFunction}.
 */
package org.attn4j.core.generate;
