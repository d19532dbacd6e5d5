package org.attn4j.core.engine;

import org.attn4j.core.testing.GradCheck;
import static org.attn4j.core.testing.Close.assertClose;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.Tensor;
import org.attn4j.core.testing.Fixture;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of {@link EagerOps#gru} and {@link EagerOps#lstm} with every {@code gru*} and
 * {@code lstm*} case of the fixtures folder (ONNX layout, uni- and bidirectional, variable
 * lengths): the outputs, and the gradients of {@code sum(y * r_probe)} with respect to the
 * input and the initial states.
 */
class RnnFixtureParityTest {
    private static final double REL = 1e-4;

    static List<Named<Path>> gruCases() {
        return Fixture.cases("gru");
    }

    static List<Named<Path>> lstmCases() {
        return Fixture.cases("lstm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gruCases")
    void gru(Path file) {
        Fixture fx = Fixture.load(file);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor x = variable(ops, fx, "in_x");
        EagerTensor h0 = variable(ops, fx, "in_h0");
        RnnOutput out = ops.gru(x, lengths(ops, fx), h0, variable(ops, fx, "p_W"), variable(ops, fx, "p_R"),
                variable(ops, fx, "p_B"));
        assertClose(fx + " y", floats(out.y()), fx.doubles("out_y"), REL);
        assertClose(fx + " h_last", floats(out.hLast()), fx.doubles("out_h_last"), REL);
        ops.backward(out.y(), fx.floats("r_probe"));
        assertClose(fx + " grad_x", x.grad(), fx.doubles("grad_x"), REL);
        assertClose(fx + " grad_h0", h0.grad(), fx.doubles("grad_h0"), REL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lstmCases")
    void lstm(Path file) {
        Fixture fx = Fixture.load(file);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor x = variable(ops, fx, "in_x");
        EagerTensor h0 = variable(ops, fx, "in_h0");
        EagerTensor c0 = variable(ops, fx, "in_c0");
        RnnOutput out = ops.lstm(x, lengths(ops, fx), h0, c0, variable(ops, fx, "p_W"), variable(ops, fx, "p_R"),
                variable(ops, fx, "p_B"));
        assertClose(fx + " y", floats(out.y()), fx.doubles("out_y"), REL);
        assertClose(fx + " h_last", floats(out.hLast()), fx.doubles("out_h_last"), REL);
        assertClose(fx + " c_last", floats(out.cLast()), fx.doubles("out_c_last"), REL);
        ops.backward(out.y(), fx.floats("r_probe"));
        assertClose(fx + " grad_x", x.grad(), fx.doubles("grad_x"), REL);
        assertClose(fx + " grad_h0", h0.grad(), fx.doubles("grad_h0"), REL);
        assertClose(fx + " grad_c0", c0.grad(), fx.doubles("grad_c0"), REL);
    }

    private static EagerTensor variable(EagerOps ops, Fixture fx, String name) {
        return ops.variable(fx.floats(name), fx.shape(name));
    }

    private static Tensor lengths(EagerOps ops, Fixture fx) {
        return ops.constantIds(fx.longs("in_lengths"), fx.shape("in_lengths"));
    }

    private static float[] floats(Tensor t) {
        return ((EagerTensor) t).floats();
    }
}
