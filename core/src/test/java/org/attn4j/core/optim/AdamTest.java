package org.attn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attn4j.core.optim.Functions.bowl;
import static org.attn4j.core.optim.Functions.maxAbsDiff;
import static org.attn4j.core.optim.Functions.named;
import static org.attn4j.core.optim.Functions.param;
import static org.attn4j.core.optim.Functions.rosenbrock;

import org.attn4j.api.Parameter;
import org.junit.jupiter.api.Test;

/** Adam and AdamW: one formula, two ways of weight decay. */
class AdamTest {
    private static final float[] W0 = {0.5f, -1.25f, 2f, 0f, 3e-3f};

    /**
     * Four updates with changing gradients and a varying learning rate against the formulas of
     * torch.optim.Adam / AdamW evaluated in double.
     */
    private static void checkAgainstFormula(boolean decoupled, double b1, double b2, double eps, double wd) {
        Parameter p = param(W0.clone());
        Schedule schedule = Schedule.noam(16, 3, 2.0);
        Optimizer opt = decoupled
                ? AdamW.builder(named(p), schedule).optBetas(b1, b2).optEps(eps).optWeightDecay(wd).build()
                : Adam.builder(named(p), schedule).optBetas(b1, b2).optEps(eps).optWeightDecay(wd).build();
        int n = W0.length;
        double[] w = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = W0[i];
        }
        for (int t = 1; t <= 4; t++) {
            double lr = schedule.lr(t);
            for (int i = 0; i < n; i++) {
                float g = (float) (Math.cos(2 * i + t) * (i + 1));
                p.grad()[i] = g;
                double d = g;
                if (decoupled) {
                    w[i] *= 1 - lr * wd;
                } else {
                    d += wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * d;
                v[i] = b2 * v[i] + (1 - b2) * d * d;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                // PyTorch adds eps to sqrt(v) / sqrt(bc2), which equals sqrt(v_hat).
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            opt.step();
            assertThat(maxAbsDiff(p.data(), w)).as("update %d", t).isLessThan(2e-6);
            OptimizerState s = opt.state();
            String prefix = opt.algorithm() + ".";
            assertThat(maxAbsDiff(s.buffers().get(prefix + "m.p0").values(), m)).isLessThan(1e-6);
            assertThat(maxAbsDiff(s.buffers().get(prefix + "v.p0").values(), v)).isLessThan(1e-6);
            assertThat(s.parameterSteps()).containsEntry("p0", (long) t);
        }
        assertThat(opt.lastLr()).isEqualTo(schedule.lr(4));
    }

    @Test
    void adamMatchesFormula() {
        checkAgainstFormula(false, 0.9, 0.999, 1e-8, 0);
    }

    @Test
    void adamWithL2WeightDecayMatchesFormula() {
        checkAgainstFormula(false, 0.8, 0.95, 1e-3, 0.1);
    }

    @Test
    void adamWMatchesFormula() {
        checkAgainstFormula(true, 0.9, 0.98, 1e-9, 0.3);
    }

    @Test
    void firstAdamStepMovesEachWeightByAboutTheLearningRate() {
        // With bias correction, m_hat / sqrt(v_hat) = g / |g| on the first step.
        Parameter p = param(0f, 0f);
        Adam adam = Adam.builder(named(p), Schedule.constant(0.01)).optEps(0).build();
        p.grad()[0] = 123f;
        p.grad()[1] = -4e-3f;
        adam.step();
        assertThat(p.data()[0]).isCloseTo(-0.01f, org.assertj.core.data.Offset.offset(1e-8f));
        assertThat(p.data()[1]).isCloseTo(0.01f, org.assertj.core.data.Offset.offset(1e-8f));
    }

    @Test
    void adamWDecaysWeightsEvenWithZeroGradient() {
        Parameter p = param(2f);
        AdamW adamw = AdamW.builder(named(p), Schedule.constant(0.1)).optWeightDecay(0.5).build();
        p.grad();
        adamw.step();
        assertThat(p.data()[0]).isEqualTo((float) (2 * (1 - 0.1 * 0.5)));
    }

    @Test
    void bothConvergeOnQuadratic() {
        double[] a = {1, 10, 0.1};
        double[] c = {1, -2, 3};
        for (boolean decoupled : new boolean[] {false, true}) {
            Parameter p = param(0f, 0f, 0f);
            Schedule lr = Schedule.warmupCosine(0.1, 10, 3000, 1e-4);
            Optimizer opt = decoupled
                    ? AdamW.builder(named(p), lr).optWeightDecay(0).build()
                    : Adam.builder(named(p), lr).build();
            for (int k = 0; k < 3000; k++) {
                opt.zeroGrad();
                bowl(p, a, c);
                opt.step();
            }
            assertThat(maxAbsDiff(p.data(), c)).as(opt.algorithm()).isLessThan(1e-3);
        }
    }

    @Test
    void adamSolvesRosenbrock() {
        Parameter p = param(-1.5f, 2f);
        Adam adam = Adam.builder(named(p), Schedule.warmupCosine(0.02, 0, 20_000, 1e-5)).build();
        double start = rosenbrock(p);
        for (int k = 0; k < 20_000; k++) {
            rosenbrock(p);
            adam.step();
        }
        assertThat(rosenbrock(p)).isLessThan(1e-6 * start);
        assertThat(maxAbsDiff(p.data(), new double[] {1, 1})).isLessThan(1e-2);
    }

    @Test
    void rejectsBadSettings() {
        Parameter p = param(1f);
        assertThatThrownBy(() -> Adam.builder(named(p), Schedule.constant(1)).optBetas(0.9, 1.0).build())
                .hasMessage("beta2 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> AdamW.builder(named(p), Schedule.constant(1)).optEps(-1).build())
                .hasMessage("eps must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> AdamW.builder(named(p), Schedule.constant(1)).optWeightDecay(Double.NaN).build())
                .hasMessage("weightDecay must be finite and >= 0, got NaN");
    }
}
