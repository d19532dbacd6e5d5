package org.attn4j.core.engine;

import java.util.List;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/** A finite-difference gradient check for every differentiable op of the eager engine. */
class OpsGradientTest {
    private static final GradCheck CHECK = GradCheck.standard();

    private static int[] s(int... d) {
        return d;
    }

    private static float[] r(long seed, int n) {
        return GradCheck.random(seed, n);
    }

    /** Values in [0.5, 1.5]: away from the kinks and poles of relu, log, sqrt and div. */
    private static float[] positive(long seed, int n) {
        float[] v = r(seed, n);
        for (int i = 0; i < n; i++) {
            v[i] = 1 + v[i] / 2;
        }
        return v;
    }

    interface F1 {
        Tensor apply(EagerOps o, Tensor x);
    }

    interface F2 {
        Tensor apply(EagerOps o, Tensor a, Tensor b);
    }

    private static void check1(String name, F1 f, float[] x, int... shape) {
        CHECK.check(name, (o, in) -> f.apply(o, in.get(0)), List.of(x), List.of(shape));
    }

    private static void check2(String name, F2 f, float[] a, int[] as, float[] b, int[] bs) {
        CHECK.check(name, (o, in) -> f.apply(o, in.get(0), in.get(1)), List.of(a, b), List.of(as, bs));
    }

    @Test
    void elementwiseBinaryWithBroadcasting() {
        for (int op = 0; op < 4; op++) {
            final int o = op;
            String name = new String[] {"add", "sub", "mul", "div"}[op];
            F2 f = (x, a, b) -> {
                return switch (o) {
                    case 0 -> x.add(a, b);
                    case 1 -> x.sub(a, b);
                    case 2 -> x.mul(a, b);
                    default -> x.div(a, b);
                };
            };
            check2(name + " same shape", f, r(1, 6), s(2, 3), positive(2, 6), s(2, 3));
            check2(name + " bias", f, r(3, 24), s(2, 3, 4), positive(4, 4), s(4));
            check2(name + " middle axis", f, r(5, 24), s(2, 3, 4), positive(6, 6), s(2, 3, 1));
            check2(name + " both broadcast", f, r(7, 3), s(3, 1), positive(8, 4), s(1, 4));
            check2(name + " scalar", f, r(9, 6), s(2, 3), positive(10, 1), s());
        }
    }

    @Test
    void unaryFunctions() {
        check1("tanh", (o, x) -> o.tanh(x), r(1, 12), 3, 4);
        check1("sigmoid", (o, x) -> o.sigmoid(x), r(2, 12), 3, 4);
        check1("relu", (o, x) -> o.relu(x), awayFromZero(3, 12), 3, 4);
        check1("gelu", (o, x) -> o.gelu(x), scaled(r(4, 12), 3), 3, 4);
        check1("exp", (o, x) -> o.exp(x), r(5, 12), 3, 4);
        check1("log", (o, x) -> o.log(x), positive(6, 12), 3, 4);
        check1("sqrt", (o, x) -> o.sqrt(x), positive(7, 12), 3, 4);
        check1("sin", (o, x) -> o.sin(x), r(8, 12), 3, 4);
        check1("cos", (o, x) -> o.cos(x), r(9, 12), 3, 4);
        check1("scale", (o, x) -> o.scale(x, -2.5f), r(10, 12), 3, 4);
        check1("neg", (o, x) -> o.neg(x), r(11, 12), 3, 4);
    }

    private static float[] awayFromZero(long seed, int n) {
        float[] v = r(seed, n);
        for (int i = 0; i < n; i++) {
            v[i] = v[i] < 0 ? v[i] - 0.1f : v[i] + 0.1f;
        }
        return v;
    }

    private static float[] scaled(float[] v, float k) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= k;
        }
        return v;
    }

    @Test
    void matmulPlainBatchedAndBroadcast() {
        check2("matmul 2d", (o, a, b) -> o.matmul(a, b), r(1, 12), s(3, 4), r(2, 20), s(4, 5));
        check2("matmul 3d x 2d", (o, a, b) -> o.matmul(a, b), r(3, 24), s(2, 3, 4), r(4, 20), s(4, 5));
        check2("matmul batched", (o, a, b) -> o.matmul(a, b), r(5, 24), s(2, 3, 4), r(6, 40), s(2, 4, 5));
        check2("matmul broadcast batch", (o, a, b) -> o.matmul(a, b), r(7, 12), s(1, 3, 4), r(8, 80),
                s(2, 2, 4, 5));
    }

    @Test
    void linearWithAndWithoutBias() {
        CHECK.check("linear", (o, in) -> o.linear(in.get(0), in.get(1), in.get(2)),
                List.of(r(1, 24), r(2, 20), r(3, 5)), List.of(s(2, 3, 4), s(5, 4), s(5)));
        check2("linear no bias", (o, x, w) -> o.linear(x, w, null), r(4, 8), s(2, 4), r(5, 12), s(3, 4));
    }

    @Test
    void reductions() {
        check1("sum all", (o, x) -> o.sum(x, false), r(1, 24), 2, 3, 4);
        check1("sum axis 1 keep", (o, x) -> o.sum(x, true, 1), r(2, 24), 2, 3, 4);
        check1("mean axes 0,2", (o, x) -> o.mean(x, false, 0, -1), r(3, 24), 2, 3, 4);
    }

    @Test
    void softmaxFamily() {
        check1("softmax last", (o, x) -> o.softmax(x, -1), scaled(r(1, 24), 3), 2, 3, 4);
        check1("softmax middle", (o, x) -> o.softmax(x, 1), scaled(r(2, 24), 3), 2, 3, 4);
        check1("logSoftmax", (o, x) -> o.logSoftmax(x, -1), scaled(r(3, 24), 3), 2, 3, 4);
        float[] mask = {1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1};
        check1("maskedSoftmax", (o, x) -> {
            return o.maskedSoftmax(x, o.constant(mask, 3, 4));
        }, scaled(r(4, 24), 3), 2, 3, 4);
    }

    @Test
    void layerNorm() {
        CHECK.check("layerNorm", (o, in) -> o.layerNorm(in.get(0), in.get(1), in.get(2), 1e-5f),
                List.of(scaled(r(1, 30), 2), positive(2, 5), r(3, 5)), List.of(s(2, 3, 5), s(5), s(5)));
    }

    @Test
    void shapeOps() {
        check1("reshape", (o, x) -> o.reshape(x, 0, -1, 2), r(1, 24), 2, 3, 4);
        check1("transpose", (o, x) -> o.transpose(x, 2, 0, 1), r(2, 24), 2, 3, 4);
        check1("slice", (o, x) -> o.slice(x, 1, 1, Long.MAX_VALUE), r(3, 24), 2, 3, 4);
        check1("slice negative", (o, x) -> o.slice(x, -1, -3, -1), r(4, 24), 2, 3, 4);
        check1("unsqueeze+squeeze", (o, x) -> {
            return o.mul(o.squeeze(o.unsqueeze(x, 1), 1), x);
        }, r(5, 6), 2, 3);
        check1("expandAs", (o, x) -> {
            return o.expandAs(x, o.constant(new float[24], 2, 3, 4));
        }, r(6, 4), 1, 4);
        check2("concat axis 1", (o, a, b) -> o.concat(1, a, b), r(7, 12), s(2, 2, 3), r(8, 18), s(2, 3, 3));
        check2("concat last", (o, a, b) -> o.concat(-1, a, b, a), r(9, 6), s(2, 3), r(10, 4), s(2, 2));
    }

    @Test
    void gatherScattersIntoTheTable() {
        long[] ids = {2, 0, 2, 3, 1, 2};
        check1("gather", (o, t) -> {
            return o.gather(t, o.constantIds(ids, 2, 3));
        }, r(1, 20), 4, 5);
    }

    @Test
    void whereAndMaskFill() {
        float[] cond = {1, 0, 0, 1, 1, 0};
        check2("where", (o, a, b) -> {
            return o.where(o.constant(cond, 2, 3), a, b);
        }, r(1, 6), s(2, 3), r(2, 3), s(3));
        check1("maskFill", (o, x) -> {
            return o.maskFill(x, o.constant(new float[] {1, 0, 1}, 3), -7f);
        }, r(3, 6), 2, 3);
    }

    @Test
    void dropoutInTraining() {
        // the same seed gives the same mask in the analytic and the numeric passes
        check1("dropout", (o, x) -> {
            o.training(true);
            return o.dropout(x, 0.3f);
        }, r(1, 40), 5, 8);
    }

    @Test
    void crossEntropyWithIgnoreAndSmoothing() {
        long[] targets = {3, 0, 1, 4, 0, 2};
        for (float eps : new float[] {0f, 0.1f}) {
            check1("crossEntropy eps=" + eps, (o, z) -> {
                return o.crossEntropy(z, o.constantIds(targets, 2, 3), 0, eps);
            }, scaled(r(1, 30), 2), 2, 3, 5);
        }
    }
}
