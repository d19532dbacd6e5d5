/**
 * The Transformer (Vaswani et al. 2017) as {@code transformer} encoder and decoder plugins:
 * {@link org.attn4j.transformer.TransformerEncoder}, {@link org.attn4j.transformer.TransformerDecoder}
 * with post- or pre-norm layers, sinusoidal or learned positions, shared embeddings, a tied
 * output projection, attention chosen by plugin name in each place, incremental decoding with a
 * per-layer key/value cache, and {@link org.attn4j.transformer.AttentionMaps} for the weights of
 * every layer and head. See {@code docs/transformer.md}.
 */
package org.attn4j.transformer;
