package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Layer norm over many rows, large enough that the forward and the input gradient split the rows
 * over the cores, gives bit for bit what the same rows give one at a time (which never split):
 * outputs, input gradients, and gamma/beta gradients summed over the rows in order.
 */
class LayerNormRowsTest {
    private static final int ROWS = 300;
    private static final int D = 256;

    private record Run(float[] y, float[] gx, float[] gGamma, float[] gBeta) {
    }

    private static Run run(float[] x, float[] gamma, float[] beta, float[] gradOut, int rows) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor xt = ops.variable(x, rows, D);
        EagerTensor g = ops.variable(gamma, D);
        EagerTensor b = ops.variable(beta, D);
        EagerTensor y = (EagerTensor) ops.layerNorm(xt, g, b, 1e-5f);
        ops.backward(y, gradOut);
        return new Run(y.floats().clone(), xt.grad().clone(), g.grad().clone(), b.grad().clone());
    }

    @Test
    void manyRowsAtOnceEqualOneRowAtATime() {
        float[] x = GradCheck.random(1, ROWS * D);
        float[] gamma = GradCheck.random(2, D);
        float[] beta = GradCheck.random(3, D);
        float[] gradOut = GradCheck.random(4, ROWS * D);
        Run all = run(x, gamma, beta, gradOut, ROWS);
        float[] gGamma = new float[D];
        float[] gBeta = new float[D];
        for (int r = 0; r < ROWS; r++) {
            int from = r * D;
            Run one = run(Arrays.copyOfRange(x, from, from + D), gamma, beta, Arrays.copyOfRange(gradOut, from, from + D), 1);
            assertThat(Arrays.copyOfRange(all.y(), from, from + D)).as("output row %d", r).containsExactly(one.y());
            assertThat(Arrays.copyOfRange(all.gx(), from, from + D)).as("input gradient row %d", r).containsExactly(one.gx());
            for (int j = 0; j < D; j++) {
                gGamma[j] += one.gGamma()[j];
                gBeta[j] += one.gBeta()[j];
            }
        }
        assertThat(all.gGamma()).containsExactly(gGamma);
        assertThat(all.gBeta()).containsExactly(gBeta);
    }
}
