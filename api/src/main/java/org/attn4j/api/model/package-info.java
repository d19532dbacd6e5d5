/**
 * The model contract: {@link org.attn4j.api.model.Encoder}, {@link org.attn4j.api.model.Decoder}
 * (one step at a time over a reorderable {@link org.attn4j.api.model.DecoderState}),
 * {@link org.attn4j.api.model.Seq2SeqModel}, and attention:
 * {@link org.attn4j.api.model.Attention}, {@link org.attn4j.api.model.ScoredAttention} and the
 * shared masking/softmax/weighted-sum routine {@link org.attn4j.api.model.Attend}.
 */
package org.attn4j.api.model;
