package org.attn4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradient buffers recycled within a backward pass ({@link GradPool}) give exactly the
 * gradients of fresh buffers: each graph is differentiated once recycling every buffer and once
 * recycling none, and every leaf's and parameter's gradient must agree bit for bit. The graphs
 * hand gradients over to inputs (views, add, scale, relu, layer norm), into leaves, through the
 * small batched products on transposed views, and reuse one tensor several times.
 */
class GradRecyclingTest {

    private static float[] values(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    /** The leaves' gradients (variables first, then parameters) after one backward with the given recycling. */
    private static List<float[]> gradients(int recycleMinSize, int[][] shapes, List<Parameter> params,
            BiFunction<EagerOps, List<Tensor>, Tensor> graph) {
        for (Parameter p : params) {
            p.zeroGrad();
        }
        EagerOps ops = new EagerOps(new SplittableRandom(3), recycleMinSize).training(true);
        List<Tensor> in = new ArrayList<>();
        List<EagerTensor> leaves = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            EagerTensor v = ops.variable(values(100 + i, Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b)), shapes[i]);
            in.add(v);
            leaves.add(v);
        }
        Tensor loss = graph.apply(ops, in);
        ops.backward(loss);
        List<float[]> out = new ArrayList<>();
        for (EagerTensor v : leaves) {
            out.add(v.grad() == null ? null : v.grad().clone());
        }
        for (Parameter p : params) {
            out.add(p.grad().clone());
        }
        return out;
    }

    private static void assertSame(String what, int[][] shapes, List<Parameter> params,
            BiFunction<EagerOps, List<Tensor>, Tensor> graph) {
        List<float[]> fresh = gradients(Integer.MAX_VALUE, shapes, params, graph);
        List<float[]> recycled = gradients(1, shapes, params, graph);
        assertThat(recycled).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(fresh.get(i)).as("%s: leaf %d has a gradient", what, i).isNotNull();
            assertThat(Arrays.mismatch(recycled.get(i), fresh.get(i))).as("%s: leaf %d", what, i).isEqualTo(-1);
        }
    }

    @Test
    void handOversIntoLeavesAndSharedTensors() {
        assertSame("residual stack", new int[][] {{6, 8}}, List.of(), (o, in) -> {
            Tensor h = o.tanh(in.get(0));
            Tensor a = o.add(h, o.relu(h));
            Tensor b = o.sub(o.scale(h, 2f), a);
            Tensor c = o.mul(o.add(b, o.reshape(o.unsqueeze(h, 0), 6, 8)), h);
            return o.sum(o.mul(c, c), false);
        });
        assertSame("x + x into a leaf, then reused", new int[][] {{5, 7}}, List.of(), (o, in) -> {
            Tensor x = o.reshape(in.get(0), 7, 5);
            Tensor y = o.add(x, x);
            Tensor z = o.scale(o.relu(y), 3f);
            return o.sum(o.mul(o.add(z, y), x), false);
        });
    }

    @Test
    void anAttentionBlockWithParameters() {
        int b = 2;
        int t = 5;
        int d = 8;
        int h = 2;
        Parameter wq = new Parameter(d, d);
        Parameter wk = new Parameter(d, d);
        Parameter wo = new Parameter(d, d);
        Parameter bo = new Parameter(d);
        Parameter gamma = new Parameter(d);
        Parameter beta = new Parameter(d);
        Parameter wOut = new Parameter(11, d);
        long seed = 7;
        for (Parameter p : List.of(wq, wk, wo, bo, gamma, beta, wOut)) {
            p.set(values(seed++, p.size()));
        }
        long[] targets = new long[b * t];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (i * 7) % 11;
        }
        assertSame("attention block", new int[][] {{b, t, d}}, List.of(wq, wk, wo, bo, gamma, beta, wOut), (o, in) -> {
            Tensor x = in.get(0);
            Tensor q = o.transpose(o.reshape(o.linear(x, o.param(wq), null), 0, 0, h, d / h), 0, 2, 1, 3);
            Tensor k = o.reshape(o.linear(x, o.param(wk), null), 0, 0, h, d / h);
            Tensor kT = o.transpose(k, 0, 2, 3, 1);
            Tensor v = o.transpose(k, 0, 2, 1, 3);
            Tensor mask = o.unsqueeze(o.unsqueeze(o.causalMask(x), 0), 0);
            Tensor w = o.maskedSoftmax(o.scale(o.matmul(q, kT), 0.5f), mask);
            Tensor ctx = o.reshape(o.transpose(o.matmul(w, v), 0, 2, 1, 3), 0, 0, -1);
            Tensor y = o.layerNorm(o.add(x, o.linear(ctx, o.param(wo), o.param(bo))), o.param(gamma), o.param(beta), 1e-5f);
            Tensor logits = o.linear(o.relu(y), o.param(wOut), null);
            return o.crossEntropy(logits, o.constantIds(targets, b, t), -1, 0.1f);
        });
    }
}
