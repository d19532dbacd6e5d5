package org.attn4j.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.model.StepOutput;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Shapes, masking, the equality of teacher forcing and cached stepping, and gradients, over the
 * variants a configuration can choose.
 */
class TransformerModelTest {
    static final int V = 11;
    // batch 2, source 4: row 1 is padded after 2 tokens
    static final long[] SRC = {5, 6, 7, 3, 8, 3, 0, 0};
    // target inputs, batch 2, length 4 (BOS = 2 first)
    static final long[] TGT_IN = {2, 4, 9, 5, 2, 10, 4, 6};
    static final int S = 4;
    static final int T = 4;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("post-norm, sinusoidal", Map.of(), Map.of()),
                Arguments.of("pre-norm, gelu, learned", Map.of("norm", "pre", "activation", "gelu", "positions", "learned",
                        "max_length", 9), Map.of("norm", "pre", "activation", "gelu", "positions", "learned", "max_length", 9)),
                Arguments.of("shared and tied, no final norm", Map.of("final_norm", false),
                        Map.of("share_embeddings", true, "tie_output", true, "final_norm", false)),
                Arguments.of("multi-head self-attention (masked by the decoder, not cached)", Map.of(),
                        Map.of("self_attention", Map.of("name", "multi-head"))),
                Arguments.of("additive self- and cross-attention", Map.of(),
                        Map.of("self_attention", Map.of("name", "additive"), "cross_attention", Map.of("name", "additive"))),
                Arguments.of("more heads, unscaled embeddings", Map.of("heads", 4, "scale_embeddings", false),
                        Map.of("heads", 4, "layers", 3)));
    }

    static Seq2SeqModel model(Map<String, ?> enc, Map<String, ?> dec, long seed) {
        return Models.model(V, Models.small(enc), Models.small(dec), seed);
    }

    static float[] floats(Tensor t) {
        return ((EagerTensor) t).floats();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void cachedSteppingGivesTheLogitsOfTeacherForcingAndPaddingGetsNoWeight(String name, Map<String, ?> enc,
            Map<String, ?> dec) {
        Seq2SeqModel m = model(enc, dec, 1);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor src = ops.constantIds(SRC, 2, S);
        Tensor mask = ops.notEqual(src, 0);
        Tensor forcedT = m.logits(ops, src, mask, ops.constantIds(TGT_IN, 2, T));
        assertThat(forcedT.shape()).containsExactly(2, T, V);
        float[] forced = floats(forcedT);
        EncoderOutput enc0 = m.encoder().encode(ops, src, mask);
        assertThat(enc0.memory().shape()).containsExactly(2, S, 8);
        DecoderState state = m.decoder().initialState(ops, enc0);
        boolean cached = state.names().stream().anyMatch(n -> n.startsWith("layer0.self.cache."));
        assertThat(cached).as("%s: keys/values cached", name).isEqualTo(!name.contains("not cached"));
        for (int t = 0; t < T; t++) {
            StepOutput out = m.decoder().step(ops, state, ops.constantIds(new long[] {TGT_IN[t], TGT_IN[T + t]}, 2, 1), true);
            state = out.state();
            assertThat(out.logits().shape()).containsExactly(2, V);
            float[] step = floats(out.logits());
            for (int b = 0; b < 2; b++) {
                for (int v = 0; v < V; v++) {
                    assertThat(step[b * V + v]).as("%s: step %d row %d token %d", name, t, b, v)
                            .isCloseTo(forced[(b * T + t) * V + v], within(1e-5f));
                }
            }
            assertThat(out.attention().shape()).containsExactly(2, S);
            float[] w = floats(out.attention());
            assertThat(w[S + 2]).isZero();
            assertThat(w[S + 3]).isZero();
            assertThat(w[S] + w[S + 1]).isCloseTo(1f, within(1e-5f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void paddingDoesNotChangeARowsResult(String name, Map<String, ?> enc, Map<String, ?> dec) {
        Seq2SeqModel m = model(enc, dec, 2);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor batch = ops.constantIds(SRC, 2, S);
        float[] both = floats(m.logits(ops, batch, ops.notEqual(batch, 0), ops.constantIds(TGT_IN, 2, T)));
        Tensor alone = ops.constantIds(new long[] {8, 3}, 1, 2);
        float[] single = floats(m.logits(ops, alone, ops.notEqual(alone, 0), ops.constantIds(new long[] {2, 10, 4, 6}, 1, T)));
        for (int i = 0; i < single.length; i++) {
            assertThat(both[T * V + i]).as(name).isCloseTo(single[i], within(1e-5f));
        }
    }

    @Test
    void attentionMapsHoldEveryLayerAndHeadWithCausalAndPaddingZeros() {
        Seq2SeqModel m = model(Map.of("layers", 3), Map.of(), 3);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor src = ops.constantIds(SRC, 2, S);
        AttentionMaps maps = AttentionMaps.of(ops, m, src, ops.notEqual(src, 0), ops.constantIds(TGT_IN, 2, T));
        assertThat(maps.encoderSelf()).hasSize(3);
        assertThat(maps.decoderSelf()).hasSize(2);
        assertThat(maps.cross()).hasSize(2);
        assertThat(maps.encoderSelf().get(0).shape()).containsExactly(2, 2, S, S);
        assertThat(maps.decoderSelf().get(1).shape()).containsExactly(2, 2, T, T);
        assertThat(maps.cross().get(1).shape()).containsExactly(2, 2, T, S);
        for (int l = 0; l < 2; l++) {
            float[] self = floats(maps.decoderSelf().get(l));
            float[] cross = floats(maps.cross().get(l));
            for (int bh = 0; bh < 4; bh++) {
                int b = bh / 2;
                for (int i = 0; i < T; i++) {
                    for (int j = i + 1; j < T; j++) {
                        assertThat(self[(bh * T + i) * T + j]).as("layer %d: position %d attends later %d", l, i, j).isZero();
                    }
                    if (b == 1) {
                        assertThat(cross[(bh * T + i) * S + 2]).isZero();
                        assertThat(cross[(bh * T + i) * S + 3]).isZero();
                    }
                }
            }
        }
        for (Tensor w : maps.encoderSelf()) {
            float[] e = floats(w);
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < S; i++) {
                    assertThat(e[(((2 + h) * S) + i) * S + 2]).isZero();
                    assertThat(e[(((2 + h) * S) + i) * S + 3]).isZero();
                }
            }
        }
    }

    @Test
    void theStepsAttentionIsTheLastLayersCrossAttentionAveragedOverHeads() {
        Seq2SeqModel m = model(Map.of(), Map.of(), 4);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor src = ops.constantIds(SRC, 2, S);
        Tensor mask = ops.notEqual(src, 0);
        float[] last = floats(AttentionMaps.of(ops, m, src, mask, ops.constantIds(new long[] {2, 2}, 2, 1)).cross().get(1));
        StepOutput out = m.decoder().step(ops, m.decoder().initialState(ops, m.encoder().encode(ops, src, mask)),
                ops.constantIds(new long[] {2, 2}, 2, 1), true);
        float[] step = floats(out.attention());
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < S; j++) {
                float mean = (last[(b * 2) * S + j] + last[(b * 2 + 1) * S + j]) / 2;
                assertThat(step[b * S + j]).isCloseTo(mean, within(1e-6f));
            }
        }
    }

    @Test
    void beamSearchCanReorderTheCache() {
        Seq2SeqModel m = model(Map.of(), Map.of(), 5);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        Tensor src = ops.constantIds(SRC, 2, S);
        DecoderState s = m.decoder().initialState(ops, m.encoder().encode(ops, src, ops.notEqual(src, 0)));
        s = m.decoder().step(ops, s, ops.constantIds(new long[] {2, 2}, 2, 1), false).state();
        s = m.decoder().step(ops, s, ops.constantIds(new long[] {4, 9}, 2, 1), false).state();
        DecoderState swapped = s.reorder(ops, ops.constantIds(new long[] {1, 0, 1}, 3));
        float[] a = floats(m.decoder().step(ops, s, ops.constantIds(new long[] {5, 7}, 2, 1), false).logits());
        float[] b = floats(m.decoder().step(ops, swapped, ops.constantIds(new long[] {7, 5, 7}, 3, 1), false).logits());
        for (int v = 0; v < V; v++) {
            assertThat(b[v]).isEqualTo(a[V + v]);
            assertThat(b[V + v]).isEqualTo(a[v]);
            assertThat(b[2 * V + v]).isEqualTo(a[V + v]);
        }
        assertThat(s.names()).contains("memory", "mask", "layer0.self.input", "layer0.self.cache.keys",
                "layer0.self.cache.values", "layer1.cross.keys_t", "layer1.cross.values");
    }

    @Test
    void encoderAndDecoderLayerGradientsMatchFiniteDifferences() {
        for (String norm : List.of("post", "pre")) {
            TransformerSettings s = TransformerSettings.read(org.attn4j.api.config.Options.of("t",
                    Models.small(Map.of("d_model", 4, "ffn_dim", 6, "norm", norm, "activation", "gelu"))));
            SplittableRandom rng = new SplittableRandom(7);
            var factory = Models.PLUGINS.attentionFactory();
            java.util.function.Function<String, org.attn4j.api.model.Attention> att = n -> factory.create(n,
                    new org.attn4j.api.spi.AttentionSpec(4, 4, 4, org.attn4j.api.config.Options.of("a", Map.of("heads", 2))), rng);
            EncoderLayer enc = new EncoderLayer(s, att.apply("multi-head"), rng);
            float[] mask = {1, 1, 1, 1, 0, 0};
            GradCheck.standard().check(norm + " encoder layer", (ops, in) -> enc.forward(ops, in.get(0),
                    ops.constant(mask, 2, 3), false).x(), List.of(GradCheck.random(1, 24)), List.of(new int[] {2, 3, 4}),
                    enc.parameters());
            DecoderLayer dec = new DecoderLayer(s, att.apply("causal"), att.apply("multi-head"), rng);
            GradCheck.standard().check(norm + " decoder layer", (ops, in) -> {
                Tensor x = in.get(0);
                Tensor selfMask = ops.expandAs(ops.unsqueeze(ops.causalMask(x), 0), ops.constant(new float[18], 2, 3, 3));
                return dec.forward(ops, x, selfMask, in.get(1), ops.constant(mask, 2, 3), false).x();
            }, List.of(GradCheck.random(2, 24), GradCheck.random(3, 24)), List.of(new int[] {2, 3, 4}, new int[] {2, 3, 4}),
                    dec.parameters());
        }
    }

    @Test
    void wholeModelGradientsMatchFiniteDifferences() {
        Seq2SeqModel m = model(Map.of("layers", 1, "activation", "gelu"),
                Map.of("layers", 1, "activation", "gelu", "positions", "learned", "max_length", 5), 8);
        GradCheck.standard().check("transformer", (ops, in) -> {
            Tensor src = ops.constantIds(SRC, 2, S);
            return m.logits(ops, src, ops.notEqual(src, 0), ops.constantIds(TGT_IN, 2, T));
        }, List.of(), List.of(), m.parameters());
        List<String> names = new ArrayList<>(m.namedParameters().keySet());
        assertThat(names).contains("encoder.embedder.embedding.weight", "decoder.embedder.positions",
                "decoder.layer0.cross_attention.Wq.weight", "decoder.output.weight");
    }
}
