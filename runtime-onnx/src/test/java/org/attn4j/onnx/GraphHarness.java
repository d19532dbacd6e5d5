package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.attn4j.api.DType;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;

/**
 * Runs one function of {@link Ops} twice: eagerly, and as a graph traced by {@link GraphOps} and
 * run by ONNX Runtime, with graph inputs whose dimensions are all dynamic (or constants, for
 * weights); compares the outputs.
 */
final class GraphHarness {
    private GraphHarness() {
    }

    /** A test input: floats or ids of a shape; {@code constant} ones become initializers (static shape). */
    record In(float[] floats, long[] ids, int[] shape, boolean constant) {
        static In f(float[] v, int... shape) {
            return new In(v, null, shape, false);
        }

        static In w(float[] v, int... shape) {
            return new In(v, null, shape, true);
        }

        static In ids(long[] v, int... shape) {
            return new In(null, v, shape, false);
        }
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** Eager and ORT results of {@code fn} over {@code inputs}: {eager, ort} for each output. */
    static List<float[][]> both(BiFunction<Ops, List<Tensor>, List<Tensor>> fn, In... inputs) throws OrtException {
        EagerOps eager = new EagerOps(new SplittableRandom(1));
        List<Tensor> eIn = new ArrayList<>();
        for (In in : inputs) {
            eIn.add(in.floats != null ? eager.constant(in.floats, in.shape) : eager.constantIds(in.ids, in.shape));
        }
        List<Tensor> eOut = fn.apply(eager, eIn);

        OnnxGraph graph = new OnnxGraph("test");
        GraphOps ops = new GraphOps(graph, new IdentityHashMap<>());
        List<Tensor> gIn = new ArrayList<>();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            for (int i = 0; i < inputs.length; i++) {
                In in = inputs[i];
                if (in.constant) {
                    gIn.add(ops.constant(in.floats, in.shape));
                    continue;
                }
                int[] dyn = new int[in.shape.length];
                String[] dims = new String[dyn.length];
                java.util.Arrays.fill(dyn, -1);
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = "in" + i + "_" + d;
                }
                DType type = in.floats != null ? DType.FLOAT32 : DType.INT64;
                gIn.add(graph.input("in" + i, type, dyn, dims));
                long[] shape = java.util.Arrays.stream(in.shape).asLongStream().toArray();
                feeds.put("in" + i, in.floats != null ? OnnxTensor.createTensor(env, FloatBuffer.wrap(in.floats), shape)
                        : OnnxTensor.createTensor(env, LongBuffer.wrap(in.ids), shape));
            }
            List<Tensor> gOut = fn.apply(ops, gIn);
            for (int k = 0; k < gOut.size(); k++) {
                GraphTensor t = (GraphTensor) gOut.get(k);
                String[] dims = new String[t.rank()];
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = "out" + k + "_" + d;
                }
                graph.output("out" + k, t, dims);
            }
            byte[] model = graph.build("test", Map.of()).toByteArray();
            List<float[][]> out = new ArrayList<>();
            try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions()); OrtSession.Result r = s.run(feeds)) {
                for (int k = 0; k < eOut.size(); k++) {
                    EagerTensor e = (EagerTensor) eOut.get(k);
                    OnnxTensor o = (OnnxTensor) r.get("out" + k).orElseThrow();
                    assertThat(o.getInfo().getShape()).as("shape of output %d", k)
                            .containsExactly(java.util.Arrays.stream(e.shape()).asLongStream().toArray());
                    float[] ort;
                    float[] eag;
                    if (e.dtype() == DType.INT64) {
                        long[] l = o.getLongBuffer().array();
                        ort = new float[l.length];
                        for (int i = 0; i < l.length; i++) {
                            ort[i] = l[i];
                        }
                        long[] el = e.longs();
                        eag = new float[el.length];
                        for (int i = 0; i < el.length; i++) {
                            eag[i] = el[i];
                        }
                    } else {
                        FloatBuffer fb = o.getFloatBuffer();
                        ort = new float[fb.remaining()];
                        fb.get(ort);
                        eag = e.floats();
                    }
                    out.add(new float[][] {eag, ort});
                }
            }
            return out;
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    static double maxAbs(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
