/**
 * Training data: parallel corpora read with errors naming file and line
 * ({@link org.attn4j.core.data.CorpusReader}), id-encoded {@link org.attn4j.core.data.Example}s,
 * and token-budget batches with length bucketing and a seeded shuffle
 * ({@link org.attn4j.core.data.Batcher}).
 */
package org.attn4j.core.data;
