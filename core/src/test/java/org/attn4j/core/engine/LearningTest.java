package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.Linear;
import org.junit.jupiter.api.Test;

/** End-to-end proof that forward, autodiff and parameter updates train small models. */
class LearningTest {

    /** Two linear layers with a tanh between them. */
    static final class Mlp extends Module {
        final Linear l1;
        final Linear l2;

        Mlp(int in, int hidden, int out, SplittableRandom rng) {
            l1 = addModule("l1", new Linear(in, hidden, rng));
            l2 = addModule("l2", new Linear(hidden, out, rng));
        }

        Tensor forward(Ops ops, Tensor x) {
            return l2.forward(ops, ops.tanh(l1.forward(ops, x)));
        }
    }

    private static void sgd(Module m, float lr) {
        for (Parameter p : m.parameters()) {
            float[] d = p.data();
            float[] g = p.grad();
            for (int i = 0; i < d.length; i++) {
                d[i] -= lr * g[i];
            }
            p.zeroGrad();
        }
    }

    @Test
    void learnsXor() {
        SplittableRandom rng = new SplittableRandom(42);
        Mlp net = new Mlp(2, 8, 2, rng);
        EagerOps ops = new EagerOps(rng);
        float[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        long[] y = {0, 1, 1, 0};
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 2000; step++) {
            Tensor logits = net.forward(ops, ops.constant(x, 4, 2));
            EagerTensor loss = (EagerTensor) ops.crossEntropy(logits, ops.constantIds(y, 4), -1, 0f);
            first = step == 0 ? loss.item() : first;
            last = loss.item();
            ops.backward(loss);
            sgd(net, 0.5f);
        }
        assertThat(last).isLessThan(0.05f).isLessThan(first / 10);
        try (var s = ops.noGrad()) {
            float[] out = ((EagerTensor) net.forward(ops, ops.constant(x, 4, 2))).floats();
            for (int i = 0; i < 4; i++) {
                int predicted = out[2 * i + 1] > out[2 * i] ? 1 : 0;
                assertThat(predicted).as("XOR of row %d", i).isEqualTo((int) y[i]);
            }
        }
    }

    @Test
    void fitsANonLinearRegression() {
        // y = sin(2 x1) + 0.5 x2^2 on [-1, 1]^2; the mean squared error must fall far below the variance of y
        SplittableRandom data = new SplittableRandom(5);
        int n = 256;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (data.nextDouble() * 2 - 1);
            x[2 * i + 1] = (float) (data.nextDouble() * 2 - 1);
            y[i] = (float) (Math.sin(2 * x[2 * i]) + 0.5 * x[2 * i + 1] * x[2 * i + 1]);
            mean += y[i];
        }
        mean /= n;
        double variance = 0;
        for (float v : y) {
            variance += (v - mean) * (v - mean);
        }
        variance /= n;
        SplittableRandom rng = new SplittableRandom(11);
        Mlp net = new Mlp(2, 32, 1, rng);
        EagerOps ops = new EagerOps(rng);
        Tensor input = ops.constant(x, n, 2);
        Tensor target = ops.constant(y, n, 1);
        float mse = Float.NaN;
        for (int step = 0; step < 3000; step++) {
            Tensor diff = ops.sub(net.forward(ops, input), target);
            EagerTensor loss = (EagerTensor) ops.mean(ops.mul(diff, diff), false);
            mse = loss.item();
            ops.backward(loss);
            sgd(net, 0.2f);
        }
        assertThat((double) mse).isLessThan(variance / 50);
    }
}
