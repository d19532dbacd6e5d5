/**
 * The built-in attention variants, each registered in
 * {@code META-INF/services/org.attn4j.api.spi.AttentionProvider} exactly as a third-party plugin
 * would be: {@code additive} ({@link org.attn4j.attention.AdditiveAttention}),
 * {@code multiplicative} ({@link org.attn4j.attention.MultiplicativeAttention}), {@code local}
 * ({@link org.attn4j.attention.LocalAttention}), {@code multi-head}
 * ({@link org.attn4j.attention.MultiHeadAttention}) and {@code causal}
 * ({@link org.attn4j.attention.CausalAttention}). They depend on {@code attn4j-api} alone.
 */
package org.attn4j.attention;
