/**
 * From configuration to translations: {@link org.attn4j.core.pipeline.TrainingRun} trains into a
 * {@link org.attn4j.core.pipeline.ModelDirectory}; {@link org.attn4j.core.pipeline.Translator}
 * (thread-safe) translates with one; {@link org.attn4j.core.pipeline.Attn4j} is the one-line
 * entry point for hosts that do not use Guice.
 */
package org.attn4j.core.pipeline;
