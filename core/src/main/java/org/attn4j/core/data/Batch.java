package org.attn4j.core.data;

import org.attn4j.api.text.Vocabulary;

/**
 * A padded batch of examples, ready to become tensors. All arrays are row-major.
 *
 * @param size          B, the number of examples
 * @param sourceLength  S, the longest source
 * @param targetLength  T, the longest target plus one (for BOS / EOS)
 * @param sourceIds     {@code [B, S]}, padded with {@link Vocabulary#PAD}
 * @param targetInputs  {@code [B, T]}: BOS followed by the target, padded
 * @param targetOutputs {@code [B, T]}: the target followed by EOS, padded (PAD is the ignore index)
 * @param targetTokens  the number of non-padding entries of {@code targetOutputs}
 * @param indices       the examples' positions in the corpus
 */
public record Batch(int size, int sourceLength, int targetLength, long[] sourceIds, long[] targetInputs,
        long[] targetOutputs, int targetTokens, int[] indices) {

    /** Pads the examples at {@code indices} of {@code examples}. */
    public static Batch of(java.util.List<Example> examples, int[] indices) {
        int b = indices.length;
        int s = 0;
        int t = 0;
        for (int i : indices) {
            s = Math.max(s, examples.get(i).source().length);
            t = Math.max(t, examples.get(i).target().length + 1);
        }
        long[] src = new long[b * s];
        long[] in = new long[b * t];
        long[] out = new long[b * t];
        int tokens = 0;
        for (int r = 0; r < b; r++) {
            Example e = examples.get(indices[r]);
            for (int j = 0; j < e.source().length; j++) {
                src[r * s + j] = e.source()[j];
            }
            int[] y = e.target();
            in[r * t] = Vocabulary.BOS;
            for (int j = 0; j < y.length; j++) {
                in[r * t + j + 1] = y[j];
                out[r * t + j] = y[j];
            }
            out[r * t + y.length] = Vocabulary.EOS;
            tokens += y.length + 1;
        }
        return new Batch(b, s, t, src, in, out, tokens, indices.clone());
    }
}
