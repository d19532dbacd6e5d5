/**
 * Tokenizers, vocabularies and detokenisation for attn4j.
 *
 * <p>Seven {@link org.attn4j.api.spi.TokenizerProvider}s are registered in
 * {@code META-INF/services}: {@code whitespace} ({@link org.attn4j.tokenizers.WhitespaceTokenizerProvider}),
 * {@code opennlp-simple} ({@link org.attn4j.tokenizers.SimpleTokenizerProvider}), {@code opennlp}
 * ({@link org.attn4j.tokenizers.OpenNlpTokenizerProvider}), {@code bpe}
 * ({@link org.attn4j.tokenizers.BpeTokenizerProvider}), {@code char}
 * ({@link org.attn4j.tokenizers.CharTokenizerProvider}), {@code sentencepiece}
 * ({@link org.attn4j.tokenizers.SentencePieceTokenizerProvider}) and {@code wordpiece}
 * ({@link org.attn4j.tokenizers.WordPieceTokenizerProvider}, BERT's). All normalise text the same
 * way ({@link org.attn4j.tokenizers.TextNormalizer}), except that wordpiece can also strip accents
 * and drop control characters as BERT does, and sentencepiece uses the normalisation stored in
 * its model, as the reference library does; {@link org.attn4j.tokenizers.TokenVocabulary}
 * maps tokens to ids with fixed special ids; {@link org.attn4j.tokenizers.TextCodec} pairs a
 * tokenizer with its vocabulary and saves both into a model directory.
 *
 * <pre>{@code
 * Tokenizers tokenizers = Tokenizers.discover(getClass().getClassLoader());
 * Tokenizer bpe = tokenizers.create(Options.of("tokenizer", Map.of("name", "bpe", "merges", 8000)), trainLines);
 * TextCodec codec = TextCodec.build(bpe, trainLines, 1, Integer.MAX_VALUE);
 * codec.save(modelDir);
 * int[] ids = TextCodec.load(modelDir, tokenizers).encode("Zwei Hunde spielen.");
 * }</pre>
 */
package org.attn4j.tokenizers;
