package org.attn4j.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Attn4jException;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The contract every attention variant keeps, built-in or third-party: a test class per variant
 * (and per mode) extends this one and names its provider; the provider is found through
 * {@link PluginDiscovery} by that name, exactly as a configuration would find it.
 *
 * <p>Inputs: batch 2, Tq 3 queries (Tq = Tk for self-attention), Tk 5 keys; row 0 may attend to
 * keys 0..3, row 1 to keys 0..2.
 */
public abstract class AttentionContractTest {
    protected static final int B = 2;
    protected static final int TK = 5;
    private static final float[] MASK = {1, 1, 1, 1, 0, 1, 1, 1, 0, 0};

    /** The provider name under test. */
    protected abstract String providerName();

    /** The variant's options. */
    protected Map<String, Object> options() {
        return Map.of();
    }

    protected int queryDim() {
        return 6;
    }

    protected int keyDim() {
        return 5;
    }

    protected int valueDim() {
        return 4;
    }

    /** Self-attention: key and value are the query itself (dims equal, Tq = Tk). */
    protected boolean selfAttention() {
        return false;
    }

    /** Causal: query i may also attend only to keys j <= i. */
    protected boolean causal() {
        return false;
    }

    /** False for variants whose weights sum to at most 1 (local-p, documented). */
    protected boolean weightsSumToOne() {
        return true;
    }

    protected int tq() {
        return selfAttention() ? TK : 3;
    }

    /** The provider, found by name through plugin discovery on the test's class loader. */
    protected AttentionProvider provider() {
        return PluginDiscovery.discover(Thread.currentThread().getContextClassLoader())
                .get(PluginKind.ATTENTION, providerName());
    }

    protected AttentionSpec spec(Map<String, ?> options) {
        int q = queryDim();
        return selfAttention() ? new AttentionSpec(q, q, q, Options.of("attention", options))
                : new AttentionSpec(q, keyDim(), valueDim(), Options.of("attention", options));
    }

    protected Attention create(long seed) {
        return provider().create(spec(options()), new SplittableRandom(seed));
    }

    private float[] query() {
        return GradCheck.random(11, B * tq() * queryDim());
    }

    private List<float[]> inputs() {
        if (selfAttention()) {
            return List.of(query());
        }
        return List.of(query(), GradCheck.random(12, B * TK * keyDim()), GradCheck.random(13, B * TK * valueDim()));
    }

    private List<int[]> shapes() {
        if (selfAttention()) {
            return List.of(new int[] {B, tq(), queryDim()});
        }
        return List.of(new int[] {B, tq(), queryDim()}, new int[] {B, TK, keyDim()}, new int[] {B, TK, valueDim()});
    }

    private AttentionInput input(EagerOps ops, List<Tensor> in, float[] mask) {
        Tensor m = ops.constant(mask, B, TK);
        return selfAttention() ? AttentionInput.self(in.get(0), m) : new AttentionInput(in.get(0), in.get(1), in.get(2), m);
    }

    private AttentionOutput run(Attention attention, float[] mask) {
        return run(attention, mask, false);
    }

    /** Attends once; with {@code prepared}, first calls {@link Attention#prepare} as a decoder would. */
    private AttentionOutput run(Attention attention, float[] mask, boolean prepared) {
        EagerOps ops = new EagerOps(new SplittableRandom(3));
        List<Tensor> in = new ArrayList<>();
        List<float[]> values = inputs();
        List<int[]> shapes = shapes();
        for (int i = 0; i < values.size(); i++) {
            in.add(ops.constant(values.get(i), shapes.get(i)));
        }
        try (var scope = ops.noGrad()) {
            AttentionInput input = input(ops, in, mask);
            if (prepared) {
                input = input.withPrepared(attention.prepare(ops, input.key(), input.value()));
            }
            return attention.forward(ops, input, true);
        }
    }

    private boolean allowed(float[] mask, int b, int i, int j) {
        return mask[b * TK + j] != 0 && (!causal() || j <= i);
    }

    @Test
    void outputShapes() {
        Attention a = create(1);
        AttentionOutput out = run(a, MASK);
        assertThat(out.context().shape()).containsExactly(B, tq(), a.outputDim());
        int[] w = out.weights().shape();
        assertThat(w[0]).isEqualTo(B);
        assertThat(w[w.length - 2]).isEqualTo(tq());
        assertThat(w[w.length - 1]).isEqualTo(TK);
        assertThat(w.length).isIn(3, 4);
    }

    @Test
    void preparedKeysAndValuesGiveTheSameOutput() {
        Attention a = create(1);
        AttentionOutput plain = run(a, MASK, false);
        AttentionOutput prepared = run(a, MASK, true);
        float[] expected = ((EagerTensor) plain.context()).floats();
        float[] actual = ((EagerTensor) prepared.context()).floats();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("context %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(((EagerTensor) prepared.weights()).floats()).hasSize(((EagerTensor) plain.weights()).floats().length);
    }

    @Test
    void weightsAreDistributionsOverTheAllowedKeys() {
        float[] w = ((EagerTensor) run(create(1), MASK).weights()).floats();
        int rowsPerBatch = w.length / (B * TK);
        for (int row = 0; row < w.length / TK; row++) {
            int b = row / rowsPerBatch;
            int i = row % tq();
            double sum = 0;
            for (int j = 0; j < TK; j++) {
                float v = w[row * TK + j];
                assertThat(v).as("weight row %d key %d", row, j).isGreaterThanOrEqualTo(0f);
                if (allowed(MASK, b, i, j)) {
                    sum += v;
                }
            }
            if (weightsSumToOne()) {
                assertThat(sum).as("sum of weights in row %d", row).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            } else {
                assertThat(sum).as("sum of weights in row %d", row).isLessThanOrEqualTo(1.0 + 1e-5);
            }
        }
    }

    @Test
    void maskedKeysGetExactlyZeroWeight() {
        float[] w = ((EagerTensor) run(create(1), MASK).weights()).floats();
        int rowsPerBatch = w.length / (B * TK);
        for (int row = 0; row < w.length / TK; row++) {
            int b = row / rowsPerBatch;
            int i = row % tq();
            for (int j = 0; j < TK; j++) {
                if (!allowed(MASK, b, i, j)) {
                    assertThat(w[row * TK + j]).as("weight row %d key %d", row, j).isZero();
                }
            }
        }
    }

    @Test
    void aFullyPaddedRowGivesZeroWeightsNotNaN() {
        float[] mask = MASK.clone();
        java.util.Arrays.fill(mask, TK, 2 * TK, 0f);
        AttentionOutput out = run(create(1), mask);
        float[] w = ((EagerTensor) out.weights()).floats();
        for (int k = w.length / 2; k < w.length; k++) {
            assertThat(w[k]).as("weight %d of the padded row", k).isZero();
        }
        for (float c : ((EagerTensor) out.context()).floats()) {
            assertThat(Float.isFinite(c)).as("context is finite").isTrue();
        }
    }

    @Test
    void theSameSeedGivesTheSameModuleAndOutput() {
        Attention a = create(5);
        Attention b = create(5);
        Attention c = create(6);
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        assertThat(pa).hasSameSizeAs(pb);
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pb.get(i).data()).containsExactly(pa.get(i).data());
        }
        assertThat(((EagerTensor) run(b, MASK).context()).floats()).containsExactly(((EagerTensor) run(a, MASK).context()).floats());
        if (!pa.isEmpty()) {
            assertThat(c.parameters().get(0).data()).isNotEqualTo(pa.get(0).data());
        }
    }

    @Test
    void configurationRoundTripsThroughJackson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> block = new java.util.LinkedHashMap<>(options());
        block.put("name", providerName());
        String text = json.writeValueAsString(block);
        @SuppressWarnings("unchecked") // a JSON object read back as a map
        Map<String, Object> read = json.readValue(text, Map.class);
        assertThat(read).isEqualTo(block);
        Attention again = provider().create(spec(read), new SplittableRandom(5));
        assertThat(((EagerTensor) run(again, MASK).context()).floats())
                .containsExactly(((EagerTensor) run(create(5), MASK).context()).floats());
    }

    @Test
    void anUnknownOptionIsRejectedByName() {
        Map<String, Object> bad = new java.util.LinkedHashMap<>(options());
        bad.put("no_such_option", 1);
        assertThatThrownBy(() -> provider().create(spec(bad), new SplittableRandom(1)))
                .isInstanceOf(Attn4jException.class).hasMessageContaining("no_such_option");
    }

    @Test
    void gradientsOfInputsAndParametersMatchFiniteDifferences() {
        Attention a = create(7);
        GradCheck.standard().check(providerName(), (ops, in) -> a.forward(ops, input(ops, in, MASK), false).context(),
                inputs(), shapes(), a.parameters());
    }

    @Test
    void aQueryOfTheWrongSizeIsRejectedNamingTheVariant() {
        Attention a = create(1);
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        Tensor q = ops.constant(new float[B * tq() * (queryDim() + 1)], B, tq(), queryDim() + 1);
        int kd = selfAttention() ? queryDim() : keyDim();
        int vd = selfAttention() ? queryDim() : valueDim();
        Tensor k = ops.constant(new float[B * TK * kd], B, TK, kd);
        Tensor v = ops.constant(new float[B * TK * vd], B, TK, vd);
        assertThatThrownBy(() -> a.forward(ops, new AttentionInput(q, k, v, null), false))
                .isInstanceOf(Attn4jException.class)
                .hasMessageContaining(providerName())
                .hasMessageContaining("query has shape [" + B + ", " + tq() + ", " + (queryDim() + 1) + "]");
    }

    @Test
    void aMaskOfTheWrongShapeIsRejected() {
        Attention a = create(1);
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        List<Tensor> in = new ArrayList<>();
        List<float[]> values = inputs();
        for (int i = 0; i < values.size(); i++) {
            in.add(ops.constant(values.get(i), shapes().get(i)));
        }
        Tensor badMask = ops.constant(new float[B * (TK + 1)], B, TK + 1);
        AttentionInput ok = input(ops, in, MASK);
        AttentionInput bad = new AttentionInput(ok.query(), ok.key(), ok.value(), badMask);
        assertThatThrownBy(() -> a.forward(ops, bad, false)).isInstanceOf(Attn4jException.class)
                .hasMessageContaining(providerName()).hasMessageContaining("mask [" + B + ", " + (TK + 1) + "]");
    }
}
