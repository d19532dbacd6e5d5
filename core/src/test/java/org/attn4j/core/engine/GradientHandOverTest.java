package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Backwards that hand their output gradient to an input instead of adding it into a fresh
 * buffer (views, add, sub, scale, relu): gradient checks on graphs where a tensor feeds
 * several consumers, in every order, itself twice, and a parameter.
 */
class GradientHandOverTest {
    private static final GradCheck CHECK = GradCheck.standard();

    /** Values in [-1, 1] at least 0.1 away from relu's kink. */
    private static float[] values(long seed, int n) {
        float[] v = GradCheck.random(seed, n);
        for (int i = 0; i < n; i++) {
            v[i] = v[i] >= 0 ? 0.1f + 0.9f * v[i] : -0.1f + 0.9f * v[i];
        }
        return v;
    }

    private void check(String what, GradCheck.Fn f, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        CHECK.check(what, f, List.of(values(what.hashCode(), n)), List.of(shape));
    }

    @Test
    void aTensorUsedTwiceByOneOp() {
        check("x + x", (o, in) -> o.add(in.get(0), in.get(0)), 3, 4);
        check("x - x + x", (o, in) -> o.add(o.sub(in.get(0), in.get(0)), in.get(0)), 3, 4);
        check("h + h, h = 3x", (o, in) -> {
            Tensor h = o.scale(in.get(0), 3f);
            return o.add(h, h);
        }, 2, 5);
    }

    @Test
    void aTensorWithSeveralConsumersInEitherOrder() {
        check("view consumed before and after relu", (o, in) -> {
            Tensor u = o.reshape(in.get(0), 2, 6);
            Tensor v = o.relu(u);
            return o.concat(0, o.scale(v, 2f), u, o.mul(u, v));
        }, 3, 4);
        check("residual stack", (o, in) -> {
            Tensor h = o.tanh(in.get(0));
            Tensor a = o.add(h, o.relu(h));
            Tensor b = o.sub(o.scale(h, 2f), a);
            return o.mul(o.add(b, o.reshape(o.unsqueeze(h, 0), 3, 4)), h);
        }, 3, 4);
        check("broadcast add beside a hand-over", (o, in) -> {
            Tensor h = o.scale(in.get(0), -1.5f);
            Tensor bias = o.slice(h, 0, 0, 1);
            return o.add(o.relu(h), bias);
        }, 4, 3);
    }

    @Test
    void parametersKeepTheirOwnBufferAndAccumulate() {
        Parameter p = new Parameter(3, 4);
        p.set(values(5, 12));
        GradCheck.Fn f = (o, in) -> {
            Tensor w = o.param(p);
            Tensor v = o.reshape(w, 4, 3);
            return o.add(o.scale(o.reshape(v, 3, 4), 2f), o.add(w, in.get(0)));
        };
        CHECK.check("parameter through views, scale and add", f, List.of(values(6, 12)), List.of(new int[] {3, 4}),
                List.of(p));

        float[] buffer = p.grad();
        EagerOps ops = new EagerOps(new java.util.SplittableRandom(1));
        Tensor w = ops.param(p);
        ops.backward(ops.sum(ops.add(ops.reshape(w, 12), ops.reshape(w, 12)), false));
        assertThat(p.grad()).isSameAs(buffer);
        assertThat(p.grad()).containsOnly(2f);
    }
}
