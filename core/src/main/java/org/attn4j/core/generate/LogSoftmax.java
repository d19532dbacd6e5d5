package org.attn4j.core.generate;

import org.attn4j.api.text.Vocabulary;

/** Row-wise log-softmax over logits, in place, for the search loops. */
final class LogSoftmax {
    private LogSoftmax() {
    }

    /** Replaces row {@code r} of {@code logits} ({@code [rows, v]}) with its log-probabilities. */
    static void row(float[] logits, int r, int v) {
        int base = r * v;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, logits[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < v; j++) {
            sum += Math.exp(logits[base + j] - max);
        }
        float lse = (float) (max + Math.log(sum));
        for (int j = 0; j < v; j++) {
            logits[base + j] -= lse;
        }
    }

    /**
     * Sets the logits of {@code <pad>} and {@code <s>} in row {@code r} to minus infinity: neither
     * is ever a model's output. Before normalisation, so neither takes probability mass.
     */
    static void banNonOutputs(float[] logits, int r, int v) {
        if (v > Vocabulary.BOS) {
            logits[r * v + Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
            logits[r * v + Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
        }
    }

    static float[] copyRow(float[] a, int r, int n) {
        return a == null ? null : java.util.Arrays.copyOfRange(a, r * n, (r + 1) * n);
    }
}
