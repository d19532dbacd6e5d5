package org.attn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.attn4j.api.Parameter;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {
    private static final Schedule LR = Schedule.noam(32, 4, 1.0);

    private static Map<String, Parameter> model() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        Parameter w = new Parameter(3, 2);
        Parameter b = new Parameter(2);
        for (int i = 0; i < w.size(); i++) {
            w.data()[i] = 0.1f * i - 0.2f;
        }
        b.data()[1] = 0.7f;
        m.put("layer.weight", w);
        m.put("layer.bias", b);
        return m;
    }

    private static Map<String, Parameter> copy(Map<String, Parameter> ps) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        ps.forEach((n, p) -> {
            Parameter c = new Parameter(p.shape());
            c.set(p.data());
            m.put(n, c);
        });
        return m;
    }

    /** A deterministic gradient that depends on the step and on the current weights. */
    private static void gradients(Map<String, Parameter> ps, int step) {
        int k = 0;
        for (Parameter p : ps.values()) {
            for (int i = 0; i < p.size(); i++, k++) {
                p.grad()[i] = (float) Math.sin(step * 0.7 + k) + 0.5f * p.data()[i];
            }
        }
    }

    private static void train(Optimizer opt, int from, int to) {
        for (int s = from; s < to; s++) {
            opt.zeroGrad();
            gradients(opt.parameters(), s);
            opt.step();
        }
    }

    private static void checkResumeIsBitIdentical(Function<Map<String, Parameter>, Optimizer> make) {
        Map<String, Parameter> a = model();
        Optimizer straight = make.apply(a);
        train(straight, 0, 5);

        OptimizerState saved = straight.state();
        Map<String, Parameter> b = copy(a);
        Optimizer resumed = make.apply(b);
        resumed.loadState(saved);
        assertThat(resumed.stepCount()).isEqualTo(5);
        assertThat(resumed.lastLr()).isEqualTo(straight.lastLr());

        train(straight, 5, 12);
        train(resumed, 5, 12);
        a.forEach((name, p) -> assertThat(b.get(name).data()).as(name).containsExactly(p.data()));
        straight.state().buffers().forEach((name, buf) ->
                assertThat(resumed.state().buffers().get(name).values()).as(name).containsExactly(buf.values()));
        assertThat(resumed.stepCount()).isEqualTo(12);
    }

    @Test
    void sgdResumesBitIdentically() {
        checkResumeIsBitIdentical(ps -> Sgd.builder(ps, LR).optMomentum(0.9).optNesterov(true).build());
    }

    @Test
    void adamResumesBitIdentically() {
        checkResumeIsBitIdentical(ps -> Adam.builder(ps, LR).optWeightDecay(0.01).build());
    }

    @Test
    void adamWResumesBitIdentically() {
        checkResumeIsBitIdentical(ps -> AdamW.builder(ps, LR).build());
    }

    @Test
    void stateNamesBuffersByAlgorithmKindAndParameter() {
        OptimizerState s = Adam.builder(model(), LR).build().state();
        assertThat(s.algorithm()).isEqualTo("adam");
        assertThat(s.buffers()).containsOnlyKeys("adam.m.layer.weight", "adam.v.layer.weight", "adam.m.layer.bias",
                "adam.v.layer.bias");
        assertThat(s.buffers().get("adam.m.layer.weight").shape()).containsExactly(3, 2);
        assertThat(s.parameterSteps()).containsOnlyKeys("layer.weight", "layer.bias");
    }

    @Test
    void stateIsASnapshot() {
        Map<String, Parameter> ps = model();
        Adam adam = Adam.builder(ps, LR).build();
        train(adam, 0, 1);
        OptimizerState s = adam.state();
        float m0 = s.buffers().get("adam.m.layer.weight").values()[0];
        train(adam, 1, 3);
        assertThat(s.buffers().get("adam.m.layer.weight").values()[0]).isEqualTo(m0);
        assertThat(s.step()).isEqualTo(1);
    }

    @Test
    void loadStateNamesTheFirstMismatchAndChangesNothing() {
        Map<String, Parameter> ps = model();
        Adam adam = Adam.builder(ps, LR).build();
        train(adam, 0, 2);
        OptimizerState good = adam.state();

        OptimizerState sgd = Sgd.builder(model(), LR).optMomentum(0.9).build().state();
        assertThatThrownBy(() -> adam.loadState(sgd))
                .hasMessage("optimizer state is for 'sgd', this optimizer is 'adam'");

        Map<String, OptimizerState.Buffer> missing = new LinkedHashMap<>(good.buffers());
        missing.remove("adam.v.layer.bias");
        assertThatThrownBy(() -> adam.loadState(new OptimizerState("adam", 9, missing, good.parameterSteps())))
                .hasMessage("optimizer state lacks buffer 'adam.v.layer.bias'");

        Map<String, OptimizerState.Buffer> reshaped = new LinkedHashMap<>(good.buffers());
        reshaped.put("adam.m.layer.weight", new OptimizerState.Buffer(new int[] {2, 3}, new float[6]));
        assertThatThrownBy(() -> adam.loadState(new OptimizerState("adam", 9, reshaped, good.parameterSteps())))
                .hasMessage("optimizer buffer 'adam.m.layer.weight' has shape [2, 3], the parameter has shape [3, 2]");

        Map<String, OptimizerState.Buffer> extra = new LinkedHashMap<>(good.buffers());
        extra.put("adam.m.other", new OptimizerState.Buffer(new int[] {1}, new float[1]));
        assertThatThrownBy(() -> adam.loadState(new OptimizerState("adam", 9, extra, good.parameterSteps())))
                .hasMessage("optimizer state has unexpected buffer 'adam.m.other'");

        Map<String, Long> noBias = new LinkedHashMap<>(good.parameterSteps());
        noBias.remove("layer.bias");
        assertThatThrownBy(() -> adam.loadState(new OptimizerState("adam", 9, good.buffers(), noBias)))
                .hasMessage("optimizer state lacks the update count of parameter 'layer.bias'");

        assertThat(adam.stepCount()).isEqualTo(2);
        assertThat(adam.state().buffers().get("adam.m.layer.weight").values())
                .containsExactly(good.buffers().get("adam.m.layer.weight").values());
    }

    @Test
    void stateRecordRejectsInconsistentCounts() {
        assertThatThrownBy(() -> new OptimizerState("adam", 2, Map.of(), Map.of("w", 3L)))
                .hasMessage("parameter 'w' has update count 3, expected 0..2");
        assertThatThrownBy(() -> new OptimizerState.Buffer(new int[] {2, 2}, new float[3]))
                .hasMessage("buffer of shape [2, 2] needs 4 values, got 3");
    }
}
