/**
 * The eager engine: {@link org.attn4j.core.engine.EagerOps} computes every op of
 * {@link org.attn4j.api.Ops} at once on float arrays and records it on a tape for reverse-mode
 * autodiff; each op family keeps its forward and backward side by side in one class. See
 * {@code docs/engine.md} and {@code docs/engine-rnn.md}.
 */
package org.attn4j.core.engine;
