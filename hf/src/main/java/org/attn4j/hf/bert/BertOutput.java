package org.attn4j.hf.bert;

/**
 * What a BERT encoder computed for a batch: the fields of Hugging Face's
 * {@code BertModel(..., output_hidden_states=True, output_attentions=True)} output, as float arrays.
 *
 * <p>Dimensions: B sequences, T padded positions, D hidden size, L layers, H heads. Padded
 * positions are computed like the others (padded keys get no attention weight), as in Hugging
 * Face's output; use {@link BertInput#attentionMask} to ignore them. Arrays are owned by the
 * record; do not change them.
 *
 * @param input           the tokenized batch
 * @param lastHiddenState {@code [B][T][D]} the last layer's output
 * @param pooledOutput    {@code [B][D]} {@code tanh(W h[CLS] + b)}, or null for a checkpoint without a pooler
 * @param hiddenStates    {@code [L + 1][B][T][D]}: the embeddings' output, then each layer's
 * @param attentions      {@code [L][B][H][T][T]}: per layer and head, the softmax weight of key
 *                        position k for query position q at {@code [l][b][h][q][k]}
 */
public record BertOutput(BertInput input, float[][][] lastHiddenState, float[][] pooledOutput, float[][][][] hiddenStates,
        float[][][][][] attentions) {
}
