package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.attn4j.api.Tensor;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Transposes are views that batched products read and differentiate in place: values and input
 * gradients equal, bit for bit, those of the same graph with every transpose copied out first
 * (a transpose followed by a scale by 1, which makes a dense tensor); where a view also feeds
 * another op, to float rounding. Attention's head split and
 * merge at odd sizes and at sizes that split over the cores, a transpose of a transpose, both
 * operands views of one source, a view broadcast over the batch, a view with no unit stride in
 * its matrices (copied out), and a view used by another op as well.
 */
class TransposedViewTest {

    /** A graph over two [B, T, D] inputs; {@code t} transposes (a view, or a dense copy). */
    private interface Graph {
        Tensor build(EagerOps ops, Tensor x, Tensor y, BiFunction<Tensor, int[], Tensor> t);
    }

    private record Run(float[] out, float[] gx, float[] gy) {
    }

    private static Run run(Graph graph, int[] shape, boolean copy, long seed) {
        int size = shape[0] * shape[1] * shape[2];
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor x = ops.variable(GradCheck.random(seed, size), shape);
        EagerTensor y = ops.variable(GradCheck.random(seed + 1, size), shape);
        BiFunction<Tensor, int[], Tensor> t = copy ? (v, p) -> ops.scale(ops.transpose(v, p), 1f) : ops::transpose;
        EagerTensor out = (EagerTensor) graph.build(ops, x, y, t);
        float[] values = out.floats().clone();
        ops.backward(out, GradCheck.random(seed + 2, out.size()));
        return new Run(values, x.grad() == null ? null : x.grad().clone(), y.grad() == null ? null : y.grad().clone());
    }

    private static void check(String what, Graph graph, int b, int t, int h, int dh) {
        check(what, graph, b, t, h, dh, 0f);
    }

    /** With a relative tolerance on the gradients ({@code 0}: bit for bit). */
    private static void check(String what, Graph graph, int b, int t, int h, int dh, float tol) {
        int[] shape = {b, t, h * dh};
        Run view = run(graph, shape, false, 5);
        Run copy = run(graph, shape, true, 5);
        same(view.out(), copy.out(), 0f, what + ": values");
        same(view.gx(), copy.gx(), tol, what + ": gradient of x");
        same(view.gy(), copy.gy(), tol, what + ": gradient of y");
    }

    /** Equal element by element within {@code tol * max(1, |expected|)}; both null counts as equal. */
    private static void same(float[] actual, float[] expected, float tol, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1f, Math.abs(expected[i])))) {
                assertThat(actual[i]).as("%s at %d", what, i).isEqualTo(expected[i]);
            }
        }
    }

    private static Tensor heads(EagerOps ops, Tensor x, int h) {
        return ops.reshape(x, 0, 0, h, -1);
    }

    @Test
    void attentionHeadsSplitAndMergedGiveWhatCopiesGive() {
        // softmax-free attention: scores = q k^T, context = scores v, merged back to [B, T, D]
        for (int[] s : new int[][] {{2, 5, 2, 7}, {3, 9, 3, 5}, {1, 17, 2, 9}, {8, 16, 8, 32}, {4, 16, 8, 16}}) {
            int h = s[2];
            check("attention " + java.util.Arrays.toString(s), (ops, x, y, t) -> {
                Tensor q = t.apply(heads(ops, x, h), new int[] {0, 2, 1, 3});
                Tensor kT = t.apply(heads(ops, y, h), new int[] {0, 2, 3, 1});
                Tensor v = t.apply(heads(ops, ops.scale(y, 0.5f), h), new int[] {0, 2, 1, 3});
                Tensor ctx = ops.matmul(ops.matmul(q, kT), v);
                return ops.reshape(t.apply(ctx, new int[] {0, 2, 1, 3}), 0, 0, -1);
            }, s[0], s[1], s[2], s[3]);
        }
    }

    @Test
    void aTransposeOfATransposeIsOneView() {
        check("keys transposed twice", (ops, x, y, t) -> {
            Tensor q = t.apply(heads(ops, x, 3), new int[] {0, 2, 1, 3});
            Tensor keys = t.apply(heads(ops, y, 3), new int[] {0, 2, 1, 3});
            return ops.matmul(q, t.apply(keys, new int[] {0, 1, 3, 2}));
        }, 2, 6, 3, 5);
    }

    @Test
    void bothOperandsViewsOfOneSource() {
        for (int[] s : new int[][] {{2, 7, 3, 5}, {8, 16, 8, 32}}) {
            check("q k^T of one source " + java.util.Arrays.toString(s), (ops, x, y, t) -> {
                Tensor q = t.apply(heads(ops, x, s[2]), new int[] {0, 2, 1, 3});
                Tensor kT = t.apply(heads(ops, x, s[2]), new int[] {0, 2, 3, 1});
                return ops.matmul(q, kT);
            }, s[0], s[1], s[2], s[3]);
        }
    }

    @Test
    void aViewBroadcastOverTheBatch() {
        check("a view shared by the batch", (ops, x, y, t) -> {
            Tensor first = ops.slice(heads(ops, x, 2), 0, 0, 1); // [1, T, 2, Dh]
            Tensor q = t.apply(first, new int[] {0, 2, 1, 3}); // [1, 2, T, Dh]
            Tensor kT = t.apply(heads(ops, y, 2), new int[] {0, 2, 3, 1}); // [B, 2, Dh, T]
            return ops.matmul(q, kT);
        }, 3, 5, 2, 9);
    }

    @Test
    void aViewWithoutAUnitStrideIsCopiedOut() {
        check("matrices across the outer axes", (ops, x, y, t) -> {
            Tensor a = t.apply(heads(ops, x, 2), new int[] {2, 3, 0, 1}); // [2, Dh, B, T]
            Tensor b = t.apply(heads(ops, y, 2), new int[] {2, 3, 1, 0}); // [2, Dh, T, B]
            return ops.matmul(a, b);
        }, 3, 5, 2, 4);
    }

    /**
     * The products add their gradients straight into the source's and the other op's arrives
     * through the view's own gradient, so the addends are summed in another order: equal to
     * float rounding, not bit for bit.
     */
    @Test
    void aViewAlsoUsedByAnotherOp() {
        check("a view used twice", (ops, x, y, t) -> {
            Tensor q = t.apply(heads(ops, x, 2), new int[] {0, 2, 1, 3});
            Tensor kT = t.apply(heads(ops, y, 2), new int[] {0, 2, 3, 1});
            Tensor scores = ops.matmul(q, kT); // [B, 2, T, T]
            return ops.add(ops.matmul(scores, q), ops.tanh(q));
        }, 2, 5, 2, 6, 1e-6f);
    }
}
