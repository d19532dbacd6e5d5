package org.attn4j.core.generate;

/**
 * A hypothesis under construction as a persistent linked list: every step adds a node pointing at
 * its parent, so beams that share a prefix share its nodes and reordering copies nothing.
 */
final class Trace {
    final Trace parent;
    final int token;
    final int length;
    final double logProb;
    final float[] attention;

    private Trace(Trace parent, int token, double logProb, float[] attention) {
        this.parent = parent;
        this.token = token;
        this.length = parent == null ? 0 : parent.length + 1;
        this.logProb = logProb;
        this.attention = attention;
    }

    static Trace root() {
        return new Trace(null, -1, 0, null);
    }

    Trace extend(int token, double tokenLogProb, float[] attention) {
        return new Trace(this, token, logProb + tokenLogProb, attention);
    }

    /** The hypothesis ending here; {@code eos} marks whether the last node is the EOS token. */
    Hypothesis toHypothesis(boolean eos, double score, boolean withAttention) {
        int n = eos ? length - 1 : length;
        int[] tokens = new int[n];
        float[][] att = withAttention ? new float[length][] : null;
        Trace t = this;
        for (int i = length - 1; i >= 0; i--) {
            if (i < n) {
                tokens[i] = t.token;
            }
            if (att != null) {
                att[i] = t.attention;
            }
            t = t.parent;
        }
        return new Hypothesis(tokens, logProb, score, eos, att);
    }
}
