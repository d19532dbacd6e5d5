/**
 * From configuration to translations: {@link org.attn4j.core.pipeline.TrainingRun} trains into a
 * {@link org.attn4j.core.pipeline.ModelDirectory}; {@link org.attn4j.core.pipeline.Translator}
 * (thread-safe) translates with one on the backend {@code runtime.backend} names, found in the
 * plugin registry as a {@link org.attn4j.core.pipeline.TranslatorBackendProvider}: {@code java}
 * ({@link org.attn4j.core.pipeline.JavaBackendProvider}, the eager engine over a
 * {@link org.attn4j.core.pipeline.LoadedModel}) or {@code onnx} (module {@code runtime-onnx});
 * {@link org.attn4j.core.pipeline.Attn4j} is the one-line entry point for hosts that do not use
 * Guice.
 */
package org.attn4j.core.pipeline;
