/**
 * Hugging Face BERT encoders on attn4j's Java engine: {@link org.attn4j.hf.bert.BertImporter}
 * (model_type {@code bert}, used by {@link org.attn4j.hf.HfImport}) and
 * {@link org.attn4j.hf.bert.BertEncoder}, which loads an imported or a Hugging Face directory,
 * tokenizes with the {@code wordpiece} plugin and returns hidden states, the pooled output and
 * every attention map ({@link org.attn4j.hf.bert.BertOutput}).
 *
 * <pre>{@code
 * BertEncoder bert = BertEncoder.load(Path.of("bert-tiny"));
 * BertOutput out = bert.encode(List.of("The cat chased the mouse across the room."));
 * float[][] layer0head2 = out.attentions()[0][0][2];   // [query][key]
 * }</pre>
 */
package org.attn4j.hf.bert;
