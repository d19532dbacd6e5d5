/**
 * Building blocks written against {@link org.attn4j.api.Ops}, shared by model code and plugins:
 * {@link org.attn4j.api.nn.Linear}, {@link org.attn4j.api.nn.Embedding} (with a tied output
 * projection), {@link org.attn4j.api.nn.LayerNorm}, {@link org.attn4j.api.nn.Dropout},
 * {@link org.attn4j.api.nn.SinusoidalPositions} and seeded {@link org.attn4j.api.nn.Init}ialisers.
 */
package org.attn4j.api.nn;
