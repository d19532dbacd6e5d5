/**
 * The stable contract of attn4j, depending on the JDK alone. {@link org.attn4j.api.Ops} is the op
 * set every model, layer and plugin is written against; {@link org.attn4j.api.Tensor} the handle
 * it works on; {@link org.attn4j.api.Module} and {@link org.attn4j.api.Parameter} hold weights.
 * Sub-packages: {@code nn} (shared building blocks), {@code model} (encoder, decoder, attention),
 * {@code spi} (plugin interfaces), {@code text} (tokenizer, vocabulary), {@code config}.
 * Exceptions thrown on purpose extend {@link org.attn4j.api.Attn4jException}.
 */
package org.attn4j.api;
