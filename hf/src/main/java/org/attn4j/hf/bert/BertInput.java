package org.attn4j.hf.bert;

import java.util.List;

/**
 * A tokenized batch for a BERT encoder, as Hugging Face's {@code BertTokenizer(texts, padding=True)}
 * gives it: {@code [CLS] A [SEP]} or, for a pair, {@code [CLS] A [SEP] B [SEP]}, right-padded with
 * {@code [PAD]} to the longest sequence of the batch.
 *
 * <p>Shapes: B sequences of T positions. Words outside the vocabulary are {@code [UNK]} in
 * {@code tokens} and have its id. Arrays are owned by the record; do not change them.
 *
 * @param tokens        per sequence, its tokens without the padding
 * @param inputIds      {@code [B][T]} vocabulary ids
 * @param tokenTypeIds  {@code [B][T]} 0 for the first text and its separators, 1 for the second
 *                      text and its {@code [SEP]}, 0 for padding
 * @param attentionMask {@code [B][T]} 1 for a real token, 0 for padding
 */
public record BertInput(List<List<String>> tokens, int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask) {
    public BertInput {
        tokens = tokens.stream().map(List::copyOf).toList();
        if (inputIds.length != tokens.size() || tokenTypeIds.length != tokens.size()
                || attentionMask.length != tokens.size()) {
            throw new IllegalArgumentException("tokens, ids, token types and mask must have one row per sequence");
        }
    }

    /** B, the number of sequences. */
    public int batchSize() {
        return inputIds.length;
    }

    /** T, the padded length. */
    public int length() {
        return inputIds.length == 0 ? 0 : inputIds[0].length;
    }
}
