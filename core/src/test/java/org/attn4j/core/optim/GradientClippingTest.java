package org.attn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.attn4j.core.optim.Functions.param;

import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Parameter;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static List<Parameter> randomGrads(long seed, double scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Parameter> ps = List.of(new Parameter(3, 4), new Parameter(7), new Parameter(2, 2, 5));
        for (Parameter p : ps) {
            float[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (scale * (rng.nextDouble() * 2 - 1));
            }
        }
        return ps;
    }

    private static double normInDouble(List<Parameter> ps) {
        double s = 0;
        for (Parameter p : ps) {
            for (float x : p.grad()) {
                s += (double) x * x;
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void scalesToMaxNormAndReturnsTheNormBefore() {
        List<Parameter> ps = randomGrads(7, 10);
        double before = normInDouble(ps);
        float[] g0 = ps.get(1).grad().clone();
        double returned = GradientClipping.clipGlobalNorm(ps, 1.5);
        assertThat(returned).isCloseTo(before, within(before * 1e-12));
        assertThat(before).isGreaterThan(1.5);
        assertThat(normInDouble(ps)).isCloseTo(1.5, within(1.5 * 1e-6));
        assertThat(GradientClipping.globalNorm(ps)).isCloseTo(1.5, within(1.5 * 1e-6));
        // Direction is kept: every component scaled by the same factor.
        double ratio = 1.5 / before;
        for (int i = 0; i < g0.length; i++) {
            assertThat((double) ps.get(1).grad()[i]).isCloseTo(g0[i] * ratio, within(1e-6));
        }
    }

    @Test
    void leavesSmallGradientsUntouched() {
        List<Parameter> ps = randomGrads(8, 0.01);
        float[] g0 = ps.get(0).grad().clone();
        double norm = GradientClipping.clipGlobalNorm(ps, 1.0);
        assertThat(norm).isLessThan(1.0).isCloseTo(normInDouble(ps), within(1e-12));
        assertThat(ps.get(0).grad()).containsExactly(g0);
    }

    @Test
    void accumulatesInDouble() {
        // 1e20^2 overflows float; the norm of (1e20, 1e20) is still exact to double precision.
        Parameter p = param(0f, 0f);
        p.grad()[0] = 1e20f;
        p.grad()[1] = 1e20f;
        double norm = GradientClipping.clipGlobalNorm(List.of(p), 1.0);
        assertThat(norm).isCloseTo(Math.sqrt(2) * 1e20f, within(1e6));
        assertThat(p.grad()[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
    }

    @Test
    void nonFiniteNormIsReturnedAndNothingIsScaled() {
        Parameter p = param(0f, 0f);
        p.grad()[0] = Float.NaN;
        p.grad()[1] = 5f;
        assertThat(GradientClipping.clipGlobalNorm(List.of(p), 1.0)).isNaN();
        assertThat(p.grad()[1]).isEqualTo(5f);
    }

    @Test
    void skipsParametersWithoutGradient() {
        Parameter withGrad = param(0f);
        withGrad.grad()[0] = 3f;
        Parameter without = param(1f);
        assertThat(GradientClipping.clipGlobalNorm(List.of(withGrad, without), 1.0)).isEqualTo(3.0);
        assertThat(without.hasGrad()).isFalse();
        assertThat(withGrad.grad()[0]).isEqualTo(1f);
    }

    @Test
    void rejectsBadMaxNorm() {
        assertThatThrownBy(() -> GradientClipping.clipGlobalNorm(List.of(), 0))
                .hasMessage("maxNorm must be finite and > 0, got 0.0");
    }
}
