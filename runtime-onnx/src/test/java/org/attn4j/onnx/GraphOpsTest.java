package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attn4j.onnx.GraphHarness.In;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.attn4j.api.DType;
import org.attn4j.api.Ops;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every op of the graph builder against the eager engine, run by ONNX Runtime on dynamic-shape inputs. */
class GraphOpsTest {
    private static final SplittableRandom RNG = new SplittableRandom(7);

    private static float[] r(int n) {
        return GraphHarness.random(RNG, n);
    }

    private static Arguments op(String name, BiFunction<Ops, List<Tensor>, Tensor> fn, In... in) {
        return Arguments.of(name, (BiFunction<Ops, List<Tensor>, List<Tensor>>) (o, x) -> List.of(fn.apply(o, x)), in);
    }

    private static final long[] IDS = {1, 0, 3, 2, 2, 0};
    private static final float[] MASK = {1, 1, 0, 1, 0, 0, 0, 0};

    static Stream<Arguments> ops() {
        In a = In.f(r(24), 2, 3, 4);
        In b = In.f(r(12), 3, 4);
        In pos = In.f(new float[] {0.5f, 1.5f, 2f, 0.1f}, 4);
        return Stream.of(
                op("add", (o, x) -> o.add(x.get(0), x.get(1)), a, b),
                op("sub", (o, x) -> o.sub(x.get(0), x.get(1)), a, b),
                op("mul", (o, x) -> o.mul(x.get(0), x.get(1)), a, b),
                op("div", (o, x) -> o.div(x.get(0), x.get(1)), a, pos),
                op("scale", (o, x) -> o.scale(x.get(0), 2.5f), a),
                op("neg", (o, x) -> o.neg(x.get(0)), a),
                op("tanh", (o, x) -> o.tanh(x.get(0)), a),
                op("sigmoid", (o, x) -> o.sigmoid(x.get(0)), a),
                op("relu", (o, x) -> o.relu(x.get(0)), a),
                op("gelu", (o, x) -> o.gelu(x.get(0)), a),
                op("exp", (o, x) -> o.exp(x.get(0)), a),
                op("log", (o, x) -> o.log(x.get(0)), pos),
                op("sqrt", (o, x) -> o.sqrt(x.get(0)), pos),
                op("sin", (o, x) -> o.sin(x.get(0)), a),
                op("cos", (o, x) -> o.cos(x.get(0)), a),
                op("toIds", (o, x) -> o.toIds(o.scale(x.get(0), 3f)), a),
                op("toFloat", (o, x) -> o.toFloat(x.get(0)), In.ids(IDS, 2, 3)),
                op("shapeOf", (o, x) -> o.shapeOf(x.get(0)), a),
                op("reshape", (o, x) -> o.reshape(x.get(0), 0, -1), a),
                op("reshape by tensor", (o, x) -> o.reshape(x.get(0), o.shapeOf(x.get(1))), In.f(r(12), 2, 6), b),
                op("transpose", (o, x) -> o.transpose(x.get(0), 2, 0, 1), a),
                op("concat", (o, x) -> o.concat(1, x.get(0), o.scale(x.get(0), 2f)), a),
                op("slice", (o, x) -> o.slice(x.get(0), 1, 1, Long.MAX_VALUE), a),
                op("slice negative", (o, x) -> o.slice(x.get(0), -1, -3, -1), a),
                op("unsqueeze/squeeze", (o, x) -> o.squeeze(o.unsqueeze(x.get(0), 1), 1), a),
                op("expandAs", (o, x) -> o.expandAs(x.get(1), x.get(0)), a, b),
                op("range", (o, x) -> o.range(x.get(0), 1), a),
                op("matmul", (o, x) -> o.matmul(x.get(0), o.transpose(x.get(1), 1, 0)), a, b),
                op("matmul batched", (o, x) -> o.matmul(x.get(0), o.transpose(x.get(0), 0, 2, 1)), a),
                op("linear", (o, x) -> o.linear(x.get(0), x.get(1), x.get(2)), a, In.w(r(20), 5, 4), In.w(r(5), 5)),
                op("linear without bias", (o, x) -> o.linear(x.get(0), x.get(1), null), a, In.w(r(20), 5, 4)),
                op("sum", (o, x) -> o.sum(x.get(0), false, 1), a),
                op("sum keepDims", (o, x) -> o.sum(x.get(0), true, -1, 0), a),
                op("mean", (o, x) -> o.mean(x.get(0), false, 2), a),
                op("mean keepDims", (o, x) -> o.mean(x.get(0), true, 1), a),
                op("softmax", (o, x) -> o.softmax(x.get(0), 1), a),
                op("logSoftmax", (o, x) -> o.logSoftmax(x.get(0), -1), a),
                op("maskedSoftmax with an empty row", (o, x) -> o.maskedSoftmax(x.get(0), x.get(1)),
                        In.f(r(8), 2, 4), In.f(MASK, 2, 4)),
                op("layerNorm", (o, x) -> o.layerNorm(x.get(0), x.get(1), x.get(2), 1e-5f), a, In.w(r(4), 4), In.w(r(4), 4)),
                op("gather rows", (o, x) -> o.gather(x.get(0), x.get(1)), b, In.ids(new long[] {2, 0, 0, 1}, 2, 2)),
                op("where", (o, x) -> o.where(o.lessOrEqual(x.get(0), o.scalar(0f)), x.get(0), x.get(1)), a, b),
                op("maskFill", (o, x) -> o.maskFill(x.get(0), x.get(1), -7f), In.f(r(8), 2, 4), In.f(MASK, 2, 4)),
                op("lessOrEqual", (o, x) -> o.lessOrEqual(x.get(0), x.get(1)), a, b),
                op("notEqual", (o, x) -> o.notEqual(x.get(0), 0), In.ids(IDS, 2, 3)),
                op("causalMask", (o, x) -> o.causalMask(x.get(0)), a),
                op("dropout at inference", (o, x) -> o.dropout(x.get(0), 0.3f), a),
                op("crossEntropy", (o, x) -> o.crossEntropy(x.get(0), x.get(1), 0, 0.1f), In.f(r(24), 2, 3, 4),
                        In.ids(new long[] {1, 0, 3, 2, 2, 0}, 2, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void graphMatchesEager(String name, BiFunction<Ops, List<Tensor>, List<Tensor>> fn, In[] inputs) throws Exception {
        for (float[][] pair : GraphHarness.both(fn, inputs)) {
            assertThat(GraphHarness.maxAbs(pair[0], pair[1])).as(name).isLessThan(1e-5);
        }
    }

    static Stream<Arguments> recurrent() {
        return Stream.of(Arguments.of(false, 1), Arguments.of(false, 2), Arguments.of(true, 1), Arguments.of(true, 2));
    }

    /** A whole GRU/LSTM with ragged lengths, an initial state and both directions: y, hLast (and cLast). */
    @ParameterizedTest(name = "lstm={0}, directions={1}")
    @MethodSource("recurrent")
    void recurrentLayersMatchEager(boolean lstm, int dirs) throws Exception {
        int b = 3;
        int t = 5;
        int in = 4;
        int h = 6;
        int gates = lstm ? 4 : 3;
        BiFunction<Ops, List<Tensor>, List<Tensor>> fn = (o, x) -> {
            RnnOutput out = lstm ? o.lstm(x.get(0), x.get(1), x.get(2), x.get(6), x.get(3), x.get(4), x.get(5))
                    : o.gru(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5));
            return lstm ? List.of(out.y(), out.hLast(), out.cLast()) : List.of(out.y(), out.hLast());
        };
        List<float[][]> res = GraphHarness.both(fn, In.f(r(b * t * in), b, t, in), In.ids(new long[] {5, 2, 4}, b),
                In.f(r(dirs * b * h), dirs, b, h), In.w(r(dirs * gates * h * in), dirs, gates * h, in),
                In.w(r(dirs * gates * h * h), dirs, gates * h, h), In.w(r(dirs * 2 * gates * h), dirs, 2 * gates * h),
                In.f(r(dirs * b * h), dirs, b, h));
        for (float[][] pair : res) {
            assertThat(GraphHarness.maxAbs(pair[0], pair[1])).isLessThan(1e-5);
        }
    }

    @Test
    void knownShapeMismatchesFailWhileTracing() {
        GraphOps ops = new GraphOps(new OnnxGraph("g"), new IdentityHashMap<>());
        Tensor x = ops.graph().input("x", DType.FLOAT32, new int[] {-1, 3, 4}, new String[] {"b", null, null});
        Tensor y = ops.constant(new float[10], 2, 5);
        assertThatThrownBy(() -> ops.add(x, y)).isInstanceOf(ShapeException.class).hasMessageContaining("add");
        assertThatThrownBy(() -> ops.matmul(x, y)).isInstanceOf(ShapeException.class).hasMessageContaining("matmul");
        assertThatThrownBy(() -> ops.squeeze(x, 1)).isInstanceOf(ShapeException.class).hasMessageContaining("squeeze");
        assertThat(ops.reshape(x, 0, -1).shape()).containsExactly(-1, 12);
        assertThat(ops.matmul(x, ops.constant(new float[8], 4, 2)).shape()).containsExactly(-1, 3, 2);
    }
}
