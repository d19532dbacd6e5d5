/**
 * SentencePiece models in pure Java: {@link org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor}
 * reads a {@code .model} file (the library's {@code ModelProto}) and encodes and decodes text
 * exactly as the reference C++ library 0.1.97 does (unigram and BPE models, the normaliser's
 * precompiled character map, byte fallback, unknown, control and user-defined pieces).
 *
 * <pre>{@code
 * SentencePieceProcessor sp = SentencePieceProcessor.load(Path.of("source.spm"));
 * int[] ids = sp.encodeIds("Stop being stupid.");
 * String text = sp.decodeIds(ids);   // "Stop being stupid."
 * }</pre>
 *
 * Everything but the processor and its {@code Encoding} is package-private: the protobuf
 * wire-format reader, the Darts double-array of the character map, the normaliser and the two
 * segmenters. The {@code sentencepiece} tokenizer plugin
 * ({@link org.attn4j.tokenizers.SentencePieceTokenizer}) is built on the processor. Parity with
 * the reference: {@code docs/sentencepiece.md}.
 */
package org.attn4j.tokenizers.sentencepiece;
