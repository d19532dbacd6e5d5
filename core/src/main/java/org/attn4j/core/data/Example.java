package org.attn4j.core.data;

/**
 * One training pair as token ids: the source ends with EOS (the convention of every attn4j
 * model: the encoder sees where the sentence ends), the target holds the tokens alone (batches
 * add BOS to the decoder input and EOS to the expected output).
 *
 * @param source source ids, ending with EOS
 * @param target target ids, without BOS or EOS
 */
public record Example(int[] source, int[] target) {
}
