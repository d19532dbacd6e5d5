package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.attn4j.api.DType;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.junit.jupiter.api.Test;

/** Forward semantics, edge cases and error messages of the eager ops. */
class EagerOpsTest {
    private final EagerOps ops = new EagerOps(new SplittableRandom(7));

    private static float[] v(Tensor t) {
        return ((EagerTensor) t).floats();
    }

    private Tensor c(float[] values, int... shape) {
        return ops.constant(values, shape);
    }

    @Test
    void reshapeFollowsOnnxZeroAndMinusOneRules() {
        Tensor x = c(new float[24], 2, 3, 4);
        assertThat(ops.reshape(x, 0, -1).shape()).containsExactly(2, 12);
        assertThat(ops.reshape(x, 0, 0, 2, 2).shape()).containsExactly(2, 3, 2, 2);
        assertThat(ops.reshape(x, ops.constantIds(new long[] {-1, 4}, 2)).shape()).containsExactly(6, 4);
        assertThatThrownBy(() -> ops.reshape(x, -1, -1)).isInstanceOf(ShapeException.class).hasMessageContaining("more than one -1");
        assertThatThrownBy(() -> ops.reshape(x, 5, -1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("cannot infer -1 reshaping [2, 3, 4] to [5, -1]");
        assertThatThrownBy(() -> ops.reshape(x, 7, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("[2, 3, 4] (24 elements) cannot become [7, 3]");
    }

    @Test
    void transposeMovesValues() {
        Tensor x = c(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = ops.transpose(x, 1, 0);
        assertThat(t.shape()).containsExactly(3, 2);
        assertThat(v(t)).containsExactly(1, 4, 2, 5, 3, 6);
        assertThatThrownBy(() -> ops.transpose(x, 0, 0)).hasMessageContaining("not a permutation");
    }

    @Test
    void sliceClampsLikeOnnx() {
        Tensor x = c(new float[] {0, 1, 2, 3, 4, 5}, 1, 6);
        assertThat(v(ops.slice(x, 1, 2, 4))).containsExactly(2, 3);
        assertThat(v(ops.slice(x, 1, -2, Long.MAX_VALUE))).containsExactly(4, 5);
        assertThat(v(ops.slice(x, 1, -100, 2))).containsExactly(0, 1);
        assertThat(ops.slice(x, 1, 5, 2).shape()).containsExactly(1, 0);
    }

    @Test
    void concatChecksTheOtherAxes() {
        Tensor a = c(new float[] {1, 2}, 1, 2);
        Tensor b = c(new float[] {3, 4, 5}, 1, 3);
        assertThat(v(ops.concat(1, a, b))).containsExactly(1, 2, 3, 4, 5);
        assertThatThrownBy(() -> ops.concat(0, a, b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("concat on axis 0: shapes differ off that axis: [1, 2] [1, 3]");
    }

    @Test
    void matmulMatchesTheDefinitionAndNamesBadShapes() {
        Tensor a = c(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = c(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertThat(v(ops.matmul(a, b))).containsExactly(4, 5, 10, 11);
        assertThatThrownBy(() -> ops.matmul(a, a)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("matmul: inner dimensions differ: [2, 3] x [2, 3]");
        assertThatThrownBy(() -> ops.linear(a, c(new float[8], 2, 4), null)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("linear: input [2, 3] does not fit weight [2, 4]");
    }

    @Test
    void broadcastingErrorsNameTheShapes() {
        assertThatThrownBy(() -> ops.add(c(new float[6], 2, 3), c(new float[4], 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("add: shapes [2, 3] and [4] do not broadcast");
    }

    @Test
    void maskedSoftmaxGivesZeroToMaskedKeysAndZerosToFullyMaskedRows() {
        Tensor scores = c(new float[] {1, 2, 3, 100, 5, 6}, 2, 3);
        Tensor mask = c(new float[] {1, 1, 0, 0, 0, 0}, 2, 3);
        float[] p = v(ops.maskedSoftmax(scores, mask));
        assertThat(p[2]).isZero();
        assertThat(p[0] + p[1]).isCloseTo(1f, within(1e-6f));
        assertThat(p[1] / p[0]).isCloseTo((float) Math.E, within(1e-5f));
        assertThat(new float[] {p[3], p[4], p[5]}).containsExactly(0, 0, 0);
    }

    @Test
    void maskedSoftmaxPassesNoGradientToAFullyMaskedRow() {
        EagerTensor scores = ops.variable(new float[] {1, 2, 3}, 1, 3);
        Tensor out = ops.maskedSoftmax(scores, c(new float[] {0, 0, 0}, 3));
        ops.backward(out, new float[] {1, 2, 3});
        assertThat(scores.grad()).containsExactly(0, 0, 0);
    }

    @Test
    void gatherRejectsIdsOutsideTheTable() {
        Tensor table = c(new float[6], 3, 2);
        assertThatThrownBy(() -> ops.gather(table, ops.constantIds(new long[] {0, 3}, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("gather: index 3 at position 1 is outside [0, 3)");
        assertThatThrownBy(() -> ops.gather(table, c(new float[] {0}, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("gather: expected INT64 ids");
    }

    @Test
    void crossEntropyOfOnlyPaddingIsZero() {
        Tensor logits = c(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor loss = ops.crossEntropy(logits, ops.constantIds(new long[] {0, 0}, 2), 0, 0.1f);
        assertThat(((EagerTensor) loss).item()).isZero();
        assertThatThrownBy(() -> ops.crossEntropy(logits, ops.constantIds(new long[] {1, 2}, 2), 0, 0f))
                .hasMessageContaining("target 2 at position 1 is outside [0, 2)");
        assertThatThrownBy(() -> ops.crossEntropy(logits, ops.constantIds(new long[] {1}, 1), 0, 0f))
                .hasMessageContaining("logits [2, 2] need targets of shape [2], got [1]");
    }

    @Test
    void masksAndRanges() {
        Tensor x = c(new float[12], 2, 3, 2);
        assertThat(v(ops.causalMask(x))).containsExactly(1, 0, 0, 1, 1, 0, 1, 1, 1);
        assertThat(((EagerTensor) ops.range(x, 1)).longs()).containsExactly(0, 1, 2);
        assertThat(((EagerTensor) ops.shapeOf(x)).longs()).containsExactly(2, 3, 2);
        Tensor m = ops.notEqual(ops.constantIds(new long[] {5, 0, 7}, 3), 0);
        assertThat(m.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(v(m)).containsExactly(1, 0, 1);
        assertThat(v(ops.maskFill(c(new float[] {1, 2, 3}, 3), m, -9))).containsExactly(1, -9, 3);
    }

    @Test
    void dropoutIsIdentityInInferenceAndSeededInTraining() {
        Tensor x = c(filled(10_000, 1f), 10_000);
        assertThat(ops.dropout(x, 0.5f)).isSameAs(x);
        float[] a = v(new EagerOps(new SplittableRandom(3)).training(true).dropout(x, 0.25f));
        float[] b = v(new EagerOps(new SplittableRandom(3)).training(true).dropout(x, 0.25f));
        assertThat(a).containsExactly(b);
        double sum = 0;
        int zeros = 0;
        for (float f : a) {
            sum += f;
            zeros += f == 0 ? 1 : 0;
        }
        assertThat(sum / a.length).isCloseTo(1.0, within(0.05));
        assertThat(zeros / (double) a.length).isCloseTo(0.25, within(0.03));
    }

    private static float[] filled(int n, float value) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, value);
        return f;
    }

    @Test
    void noGradRecordsNothing() {
        EagerTensor w = ops.variable(new float[] {1, 2}, 2);
        try (var scope = ops.noGrad()) {
            Tensor y = ops.tanh(ops.mul(w, w));
            assertThat(((EagerTensor) y).requiresGrad()).isFalse();
            assertThat(ops.tapeSize()).isZero();
        }
        assertThat(ops.isGradEnabled()).isTrue();
        Tensor y = ops.tanh(ops.mul(w, w));
        assertThat(ops.tapeSize()).isEqualTo(2);
        ops.backward(ops.sum(y, false));
        assertThat(ops.tapeSize()).isZero();
        assertThat(w.grad()).isNotNull();
    }

    @Test
    void backwardNeedsADifferentiableScalar() {
        Tensor y = c(new float[] {1, 2}, 2);
        assertThatThrownBy(() -> ops.backward(y)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("the loss must have one element, its shape is [2]");
        assertThatThrownBy(() -> ops.backward(ops.sum(y, false))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not depend on any parameter");
    }

    @Test
    void erfMatchesKnownValues() {
        // reference values of erf (Abramowitz and Stegun, table 7.1, and their complements)
        assertThat(Erf.erf(0)).isZero();
        assertThat(Erf.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-14));
        assertThat(Erf.erf(1)).isCloseTo(0.8427007929497149, within(1e-14));
        assertThat(Erf.erf(-2)).isCloseTo(-0.9953222650189527, within(1e-14));
        assertThat(Erf.erf(3)).isCloseTo(0.9999779095030014, within(1e-14));
        assertThat(Erf.erf(6)).isCloseTo(1.0, within(1e-15));
    }
}
