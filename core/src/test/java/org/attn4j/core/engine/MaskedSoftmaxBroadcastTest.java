package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Masked softmax reads a broadcast mask through its strides: the same values and gradients,
 * bit for bit, as with the mask expanded to the scores' shape, below and above the size at
 * which rows split over the cores.
 */
class MaskedSoftmaxBroadcastTest {

    @Test
    void aBroadcastMaskActsAsItsExpansion() {
        int[][][] cases = {
            {{2, 3, 5, 7}, {2, 1, 1, 7}},        // padding mask [B, 1, 1, Tk]
            {{2, 3, 5, 7}, {1, 1, 5, 7}},        // causal mask [1, 1, Tq, Tk]
            {{3, 5, 7}, {3, 5, 1}},              // one flag per row, stride 0 along it
            {{64, 8, 16, 17}, {64, 1, 1, 17}},   // rows split over the cores
            {{9}, {9}},
        };
        SplittableRandom rng = new SplittableRandom(3);
        for (int[][] c : cases) {
            int[] ss = c[0];
            int[] ms = c[1];
            float[] scores = GradCheck.random(rng.nextLong(), size(ss));
            float[] mask = new float[size(ms)];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextInt(4) == 0 ? 0f : 1f;
            }
            float[] probe = GradCheck.random(rng.nextLong(), scores.length);
            EagerOps ops = new EagerOps(new SplittableRandom(1));
            EagerTensor x1 = ops.variable(scores.clone(), ss);
            EagerTensor y1 = (EagerTensor) ops.maskedSoftmax(x1, ops.constant(mask, ms));
            ops.backward(y1, probe);
            EagerTensor x2 = ops.variable(scores.clone(), ss);
            Tensor expanded = ops.expandAs(ops.constant(mask, ms), x2);
            EagerTensor y2 = (EagerTensor) ops.maskedSoftmax(x2, ops.constant(((EagerTensor) expanded).floats(), ss));
            ops.backward(y2, probe);
            assertThat(y1.floats()).hasSize(y2.size());
            assertThat(java.util.Arrays.mismatch(y1.floats(), y2.floats())).as("first differing value, scores %s mask %s",
                    java.util.Arrays.toString(ss), java.util.Arrays.toString(ms)).isEqualTo(-1);
            assertThat(java.util.Arrays.mismatch(x1.grad(), x2.grad())).as("first differing gradient, scores %s mask %s",
                    java.util.Arrays.toString(ss), java.util.Arrays.toString(ms)).isEqualTo(-1);
        }
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
