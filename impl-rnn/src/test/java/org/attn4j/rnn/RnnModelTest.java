package org.attn4j.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.model.StepOutput;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RnnModelTest {
    private static final PluginRegistry PLUGINS = PluginDiscovery.discover(RnnModelTest.class.getClassLoader());
    private static final int V = 11;
    // row 1 is padded after 2 tokens
    private static final long[] SRC = {5, 6, 7, 3, 8, 3, 0, 0};
    private static final long[] TGT_IN = {2, 4, 9, 2, 10, 4};

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("gru", "bahdanau", "additive"),
                Arguments.of("lstm", "bahdanau", "multiplicative"),
                Arguments.of("gru", "luong", "multiplicative"),
                Arguments.of("lstm", "luong", "local"),
                Arguments.of("gru", "luong", "multi-head"),
                Arguments.of("gru", "bahdanau", "none"));
    }

    static Seq2SeqModel model(String cell, String style, String attention, int layers, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ModelContext ctx = new ModelContext(V, V, PLUGINS.attentionFactory(), rng);
        Map<String, Object> attentionBlock = attention.equals("local") ? Map.of("name", "local", "mode", "local-m", "window", 1)
                : attention.equals("multi-head") ? Map.of("name", "multi-head", "heads", 2) : Map.of("name", attention);
        var encoder = new RnnEncoderProvider().create(Options.of("model.encoder",
                Map.of("cell", cell, "embedding_dim", 4, "hidden", 3, "layers", layers)), ctx);
        var decoder = new RnnDecoderProvider().create(Options.of("model.decoder", Map.of("cell", cell, "style", style,
                "embedding_dim", 4, "hidden", 4, "layers", layers, "attention", attentionBlock)), encoder, ctx);
        return Seq2SeqModel.of(encoder, decoder);
    }

    private static float[] floats(Tensor t) {
        return ((EagerTensor) t).floats();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("configurations")
    void teacherForcingGivesTheSameLogitsAsSteppingAndPaddingGetsNoAttention(String cell, String style, String attention) {
        Seq2SeqModel m = model(cell, style, attention, 2, 1);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor src = ops.constantIds(SRC, 2, 4);
        Tensor mask = ops.notEqual(src, 0);
        float[] forced = floats(m.logits(ops, src, mask, ops.constantIds(TGT_IN, 2, 3)));
        EncoderOutput enc = m.encoder().encode(ops, src, mask);
        DecoderState state = m.decoder().initialState(ops, enc);
        for (int t = 0; t < 3; t++) {
            StepOutput out = m.decoder().step(ops, state, ops.constantIds(new long[] {TGT_IN[t], TGT_IN[3 + t]}, 2, 1), true);
            state = out.state();
            float[] step = floats(out.logits());
            for (int b = 0; b < 2; b++) {
                for (int v = 0; v < V; v++) {
                    assertThat(step[b * V + v]).isCloseTo(forced[(b * 3 + t) * V + v], within(1e-5f));
                }
            }
            if (!attention.equals("none")) {
                float[] w = floats(out.attention());
                assertThat(w[4 + 2]).isZero();
                assertThat(w[4 + 3]).isZero();
            } else {
                assertThat(out.attention()).isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("configurations")
    void paddingDoesNotChangeARowsResult(String cell, String style, String attention) {
        Seq2SeqModel m = model(cell, style, attention, 1, 2);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor batch = ops.constantIds(SRC, 2, 4);
        float[] both = floats(m.logits(ops, batch, ops.notEqual(batch, 0), ops.constantIds(TGT_IN, 2, 3)));
        Tensor alone = ops.constantIds(new long[] {8, 3}, 1, 2);
        float[] single = floats(m.logits(ops, alone, ops.notEqual(alone, 0), ops.constantIds(new long[] {2, 10, 4}, 1, 3)));
        for (int i = 0; i < single.length; i++) {
            assertThat(both[3 * V + i]).isCloseTo(single[i], within(1e-5f));
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("configurations")
    void gradientsOfEveryParameterMatchFiniteDifferences(String cell, String style, String attention) {
        Seq2SeqModel m = model(cell, style, attention, 1, 3);
        GradCheck.standard().check(cell + " " + style + " " + attention, (ops, in) -> {
            Tensor src = ops.constantIds(SRC, 2, 4);
            return m.logits(ops, src, ops.notEqual(src, 0), ops.constantIds(TGT_IN, 2, 3));
        }, List.of(), List.of(), m.parameters());
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> model("rnn", "bahdanau", "additive", 1, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'model.encoder.cell' is 'rnn'; valid values: [gru, lstm]");
        assertThatThrownBy(() -> model("gru", "sideways", "additive", 1, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'model.decoder.style' is 'sideways'; valid values: [bahdanau, luong]");
        assertThatThrownBy(() -> model("gru", "luong", "telepathy", 1, 1))
                .hasMessageContaining("telepathy").hasMessageContaining("additive");
        SplittableRandom rng = new SplittableRandom(1);
        ModelContext ctx = new ModelContext(V, V, PLUGINS.attentionFactory(), rng);
        assertThatThrownBy(() -> new RnnEncoderProvider().create(Options.of("model.encoder", Map.of("hiden", 3)), ctx))
                .hasMessageContaining("unknown key 'model.encoder.hiden'").hasMessageContaining("hidden");
    }
}
