package org.attn4j.core.engine;

import static org.attn4j.core.testing.Close.assertClose;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.SinusoidalPositions;
import org.attn4j.core.testing.Fixture;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of the engine's arithmetic with the independently computed cases in the fixtures
 * folder: every {@code layer_norm*}, {@code cross_entropy*} and {@code sinusoidal_positions*}
 * file found there, whatever its shapes.
 */
class FixtureParityTest {
    private static final double REL = 1e-4;

    static List<Named<Path>> layerNormCases() {
        return Fixture.cases("layer_norm");
    }

    static List<Named<Path>> crossEntropyCases() {
        return Fixture.cases("cross_entropy");
    }

    static List<Named<Path>> sinusoidalCases() {
        return Fixture.cases("sinusoidal_positions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerNormCases")
    void layerNorm(Path file) {
        Fixture fx = Fixture.load(file);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor x = ops.variable(fx.floats("in_x"), fx.shape("in_x"));
        EagerTensor gamma = ops.variable(fx.floats("p_gamma"), fx.shape("p_gamma"));
        EagerTensor beta = ops.variable(fx.floats("p_beta"), fx.shape("p_beta"));
        float eps = (float) fx.config().path("eps").asDouble(1e-5);
        EagerTensor y = (EagerTensor) ops.layerNorm(x, gamma, beta, eps);
        assertClose(fx + " y", y.floats(), fx.doubles("out_y"), REL);
        ops.backward(y, fx.floats("r_probe"));
        assertClose(fx + " grad_x", x.grad(), fx.doubles("grad_x"), REL);
        assertClose(fx + " grad_gamma", gamma.grad(), fx.doubles("grad_gamma"), REL);
        assertClose(fx + " grad_beta", beta.grad(), fx.doubles("grad_beta"), REL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossEntropyCases")
    void crossEntropy(Path file) {
        Fixture fx = Fixture.load(file);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor logits = ops.variable(fx.floats("in_logits"), fx.shape("in_logits"));
        Tensor targets = ops.constantIds(fx.longs("in_target"), fx.shape("in_target"));
        int ignore = fx.config().path("ignore_index").asInt(0);
        float eps = (float) fx.config().path("label_smoothing").asDouble(0);
        EagerTensor loss = (EagerTensor) ops.crossEntropy(logits, targets, ignore, eps);
        assertClose(fx + " loss", loss.floats(), fx.doubles("out_loss"), REL);
        ops.backward(loss);
        assertClose(fx + " grad_logits", logits.grad(), fx.doubles("grad_logits"), REL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinusoidalCases")
    void sinusoidalPositions(Path file) {
        Fixture fx = Fixture.load(file);
        int length = fx.config().path("length").asInt();
        int dim = fx.config().path("dim").asInt();
        assertClose(fx + " pe", SinusoidalPositions.table(length, dim), fx.doubles("out_pe"), REL);
    }
}
