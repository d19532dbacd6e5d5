/**
 * The {@link org.attn4j.core.train.Trainer}: teacher forcing (with optional scheduled sampling),
 * validation, early stopping, checkpoints and exact resume, for any
 * {@link org.attn4j.api.model.Seq2SeqModel}.
 */
package org.attn4j.core.train;
