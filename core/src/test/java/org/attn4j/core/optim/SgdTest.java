package org.attn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attn4j.core.optim.Functions.bowl;
import static org.attn4j.core.optim.Functions.maxAbsDiff;
import static org.attn4j.core.optim.Functions.named;
import static org.attn4j.core.optim.Functions.param;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attn4j.api.Parameter;
import org.junit.jupiter.api.Test;

class SgdTest {

    /** Three updates with changing gradients against torch.optim.SGD's formulas evaluated in double. */
    private static void checkAgainstFormula(double lr, double momentum, double dampening, double wd, boolean nesterov) {
        float[] w0 = {0.5f, -1.25f, 2f, 0f};
        Parameter p = param(w0.clone());
        Sgd sgd = Sgd.builder(named(p), Schedule.constant(lr)).optMomentum(momentum).optDampening(dampening)
                .optWeightDecay(wd).optNesterov(nesterov).build();
        double[] w = new double[w0.length];
        double[] buf = new double[w0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = w0[i];
        }
        for (int k = 1; k <= 3; k++) {
            for (int i = 0; i < w.length; i++) {
                float g = (float) Math.sin(3 * i + k);
                p.grad()[i] = g;
                double d = g + wd * w[i];
                if (momentum != 0) {
                    buf[i] = k == 1 ? d : momentum * buf[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                w[i] -= lr * d;
            }
            sgd.step();
            assertThat(maxAbsDiff(p.data(), w)).as("step %d", k).isLessThan(1e-6);
        }
        assertThat(sgd.stepCount()).isEqualTo(3);
        assertThat(sgd.lastLr()).isEqualTo(lr);
    }

    @Test
    void plainStepsMatchFormula() {
        checkAgainstFormula(0.1, 0, 0, 0, false);
    }

    @Test
    void momentumWithDampeningAndWeightDecayMatchesFormula() {
        checkAgainstFormula(0.05, 0.9, 0.1, 0.01, false);
    }

    @Test
    void nesterovMatchesFormula() {
        checkAgainstFormula(0.05, 0.9, 0, 0.001, true);
    }

    @Test
    void firstUpdateInitialisesMomentumWithoutDampening() {
        Parameter p = param(1f);
        Sgd sgd = Sgd.builder(named(p), Schedule.constant(1)).optMomentum(0.9).optDampening(0.5).build();
        p.grad()[0] = 2f;
        sgd.step();
        // PyTorch copies the first gradient into the buffer: w = 1 - 1 * 2, not 1 - (1 - 0.5) * 2.
        assertThat(p.data()[0]).isEqualTo(-1f);
        assertThat(sgd.state().buffers().get("sgd.momentum.p0").values()).containsExactly(2f);
    }

    @Test
    void convergesOnQuadratic() {
        double[] a = {1, 4, 0.5};
        double[] c = {1, -2, 3};
        for (double momentum : new double[] {0, 0.9}) {
            Parameter p = param(0f, 0f, 0f);
            Sgd sgd = Sgd.builder(named(p), Schedule.constant(0.1)).optMomentum(momentum).build();
            for (int k = 0; k < 500; k++) {
                sgd.zeroGrad();
                bowl(p, a, c);
                sgd.step();
            }
            assertThat(bowl(p, a, c)).as("momentum %s", momentum).isLessThan(1e-8);
            assertThat(maxAbsDiff(p.data(), c)).isLessThan(1e-4);
        }
    }

    @Test
    void skipsParametersWithoutGradient() {
        Parameter used = param(1f);
        Parameter unused = param(5f);
        Sgd sgd = Sgd.builder(named(used, unused), Schedule.constant(0.5)).optMomentum(0.9).optWeightDecay(0.1).build();
        used.grad()[0] = 1f;
        sgd.step();
        assertThat(unused.data()).containsExactly(5f);
        assertThat(unused.hasGrad()).isFalse();
        assertThat(sgd.state().parameterSteps()).containsEntry("p0", 1L).containsEntry("p1", 0L);
    }

    @Test
    void plainSgdHasNoBuffers() {
        Sgd sgd = Sgd.builder(named(param(1f)), Schedule.constant(0.1)).build();
        assertThat(sgd.state().buffers()).isEmpty();
        assertThat(sgd.algorithm()).isEqualTo("sgd");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> Sgd.builder(named(param(1f)), Schedule.constant(0.1)).optNesterov(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nesterov momentum needs momentum > 0 and dampening = 0");
        assertThatThrownBy(() -> Sgd.builder(named(param(1f)), Schedule.constant(0.1)).optMomentum(-0.1))
                .hasMessage("momentum must be finite and >= 0, got -0.1");
        assertThatThrownBy(() -> Sgd.builder(Map.of(), Schedule.constant(0.1)).build())
                .hasMessage("sgd: no parameters to optimize");
        Parameter p = param(1f);
        Map<String, Parameter> twice = new LinkedHashMap<>();
        twice.put("a", p);
        twice.put("b", p);
        assertThatThrownBy(() -> Sgd.builder(twice, Schedule.constant(0.1)).build())
                .hasMessage("sgd: the same parameter is listed as 'a' and 'b'");
    }

    @Test
    void rejectsABadLearningRateFromTheSchedule() {
        Parameter p = param(1f);
        Sgd sgd = Sgd.builder(named(p), step -> step < 2 ? 0.1 : Double.NaN).build();
        p.grad()[0] = 1f;
        sgd.step();
        assertThatThrownBy(sgd::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave learning rate NaN at step 2");
        assertThat(sgd.stepCount()).isEqualTo(1);
        assertThat(p.data()[0]).isEqualTo(0.9f);
    }
}
