package org.attn4j.api.model;

import java.util.Map;
import org.attn4j.api.Ops;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;

/**
 * The part every attention variant shares: mask handling, the masked softmax and the weighted
 * sum, plus the argument checks that name the variant. Written once here (in {@code api}, so
 * third-party variants use the very same code) and called by {@link ScoredAttention} and by
 * multi-head variants directly.
 */
public final class Attend {
    private Attend() {
    }

    /**
     * Attention weights from scores {@code [B, ..., Tq, Tk]}: softmax over the keys allowed by
     * {@code mask} ({@code [B, Tk]} or {@code [B, Tq, Tk]}, or null for all keys). Masked keys get
     * exactly 0; a row with no allowed key is all zeros.
     */
    public static Tensor weights(Ops ops, Tensor scores, Tensor mask) {
        if (mask == null) {
            return ops.softmax(scores, -1);
        }
        return ops.maskedSoftmax(scores, expandMask(ops, mask, scores.rank()));
    }

    /**
     * A {@code [B, Tk]} or {@code [B, Tq, Tk]} mask given singleton axes after the batch axis so
     * that it broadcasts against scores of rank {@code rank}: for {@code [B, H, Tq, Tk]} scores a
     * {@code [B, Tk]} mask becomes {@code [B, 1, 1, Tk]}.
     */
    public static Tensor expandMask(Ops ops, Tensor mask, int rank) {
        Tensor m = mask;
        for (int r = mask.rank(); r < rank; r++) {
            m = ops.unsqueeze(m, 1);
        }
        return m;
    }

    /**
     * For {@link Attention#prepare} of variants that score with {@code q K^T}: the keys
     * transposed to {@code [B, Dk, Tk]}, once per memory instead of once per step.
     */
    public static Map<String, Tensor> prepareTransposedKeys(Ops ops, Tensor key) {
        return Map.of(TRANSPOSED_KEYS, ops.transpose(key, 0, 2, 1));
    }

    /** The keys as {@code [B, Dk, Tk]}: prepared by {@link #prepareTransposedKeys}, or transposed now. */
    public static Tensor transposedKeys(Ops ops, AttentionInput in) {
        Tensor prepared = in.prepared().get(TRANSPOSED_KEYS);
        return prepared != null ? prepared : ops.transpose(in.key(), 0, 2, 1);
    }

    private static final String TRANSPOSED_KEYS = "keys_t";

    /** The weighted sum of values: weights {@code [B, ..., Tq, Tk]} times values {@code [B, ..., Tk, Dv]}. */
    public static Tensor context(Ops ops, Tensor weights, Tensor value) {
        return ops.matmul(weights, value);
    }

    /**
     * Checks an attention call's tensors against the dimensions the module was built for, on
     * every dimension known statically: ranks, feature sizes, batch sizes, key and value lengths,
     * the mask's shape. The message names the variant, the argument and the shapes.
     */
    public static void checkInputs(String variant, AttentionInput in, int queryDim, int keyDim, int valueDim) {
        Tensor q = in.query();
        Tensor k = in.key();
        Tensor v = in.value();
        rank(variant, "query", q, 3, "[B, Tq, " + queryDim + "]");
        rank(variant, "key", k, 3, "[B, Tk, " + keyDim + "]");
        rank(variant, "value", v, 3, "[B, Tk, " + valueDim + "]");
        last(variant, "query", q, queryDim, "query_dim");
        last(variant, "key", k, keyDim, "key_dim");
        last(variant, "value", v, valueDim, "value_dim");
        if (differ(k.dim(1), v.dim(1))) {
            throw new ShapeException(variant + ": value length differs from key length: key " + ShapeException.str(k.shape())
                    + ", value " + ShapeException.str(v.shape()));
        }
        if (differ(q.dim(0), k.dim(0)) || differ(k.dim(0), v.dim(0))) {
            throw new ShapeException(variant + ": batch sizes differ: query " + ShapeException.str(q.shape()) + ", key "
                    + ShapeException.str(k.shape()) + ", value " + ShapeException.str(v.shape()));
        }
        Tensor m = in.mask();
        if (m != null) {
            boolean ok = (m.rank() == 2 || m.rank() == 3) && !differ(m.dim(0), k.dim(0)) && !differ(m.dim(-1), k.dim(1))
                    && (m.rank() == 2 || !differ(m.dim(1), q.dim(1)));
            if (!ok) {
                throw new ShapeException(variant + ": mask " + ShapeException.str(m.shape()) + " must be [B, Tk] or [B, Tq, Tk]"
                        + " for query " + ShapeException.str(q.shape()) + " and key " + ShapeException.str(k.shape()));
            }
        }
    }

    private static boolean differ(int a, int b) {
        return a >= 0 && b >= 0 && a != b;
    }

    private static void rank(String variant, String arg, Tensor t, int rank, String expected) {
        if (t.rank() != rank) {
            throw new ShapeException(variant + ": " + arg + " has shape " + ShapeException.str(t.shape()) + ", expected "
                    + expected);
        }
    }

    private static void last(String variant, String arg, Tensor t, int dim, String setting) {
        if (differ(t.dim(-1), dim)) {
            throw new ShapeException(variant + ": " + arg + " has shape " + ShapeException.str(t.shape())
                    + "; its last dimension must be " + dim + " (" + setting + ")");
        }
    }
}
