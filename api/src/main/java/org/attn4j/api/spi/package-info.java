/**
 * Extension points, each found with {@link java.util.ServiceLoader} and chosen by its stable
 * {@code name()}: attention variants, encoders, decoders, tokenizers and backends. See
 * {@code docs/plugins.md}.
 */
package org.attn4j.api.spi;
