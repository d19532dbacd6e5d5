/**
 * Text contracts: {@link org.attn4j.api.text.Tokenizer} (normalise, split with offsets,
 * detokenize, save), {@link org.attn4j.api.text.Token} and
 * {@link org.attn4j.api.text.Vocabulary} with its fixed special-token ids.
 */
package org.attn4j.api.text;
