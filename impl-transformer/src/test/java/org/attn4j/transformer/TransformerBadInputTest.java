package org.attn4j.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ShapeException;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.inject.PluginKind;
import org.junit.jupiter.api.Test;

/** Bad settings and bad input: each error names the setting or says what was wrong. */
class TransformerBadInputTest {
    private static final int V = 9;
    private final EagerOps ops = new EagerOps(new SplittableRandom(0));

    private static Seq2SeqModel model(Map<String, ?> enc, Map<String, ?> dec) {
        return Models.model(V, Models.small(enc), Models.small(dec), 1);
    }

    @Test
    void theProvidersAreFoundByName() {
        assertThat(Models.PLUGINS.get(PluginKind.ENCODER, "transformer")).isInstanceOf(TransformerEncoderProvider.class);
        assertThat(Models.PLUGINS.get(PluginKind.DECODER, "transformer")).isInstanceOf(TransformerDecoderProvider.class);
    }

    @Test
    void dModelNotDivisibleByHeads() {
        assertThatThrownBy(() -> model(Map.of("heads", 3), Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessage("'model.encoder.heads' (3) must divide 'model.encoder.d_model' (8)");
        assertThatThrownBy(() -> model(Map.of(), Map.of("d_model", 10, "heads", 4))).isInstanceOf(ConfigurationException.class)
                .hasMessage("'model.decoder.heads' (4) must divide 'model.decoder.d_model' (10)");
        assertThatThrownBy(() -> model(Map.of(), Map.of("cross_attention", Map.of("name", "multi-head", "heads", 3))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("heads (3) must be positive and divide dim (8)")
                .hasMessageContaining("'model.decoder.cross_attention.heads'");
    }

    @Test
    void aSourceLongerThanTheLearnedPositionTable() {
        Seq2SeqModel m = model(Map.of("positions", "learned", "max_length", 3), Map.of());
        Tensor src = ops.constantIds(new long[] {4, 5, 6, 7}, 1, 4);
        assertThatThrownBy(() -> m.encoder().encode(ops, src, ops.notEqual(src, 0))).isInstanceOf(ShapeException.class)
                .hasMessage("model.encoder: a sequence of 4 tokens is longer than the position table allows:"
                        + " 'model.encoder.max_length' is 3");
    }

    @Test
    void aTargetStepBeyondThePositionTable() {
        Seq2SeqModel m = model(Map.of(), Map.of("positions", "learned", "max_length", 2));
        Tensor src = ops.constantIds(new long[] {4, 5}, 1, 2);
        DecoderState s = m.decoder().initialState(ops, m.encoder().encode(ops, src, ops.notEqual(src, 0)));
        Tensor bos = ops.constantIds(new long[] {2}, 1, 1);
        s = m.decoder().step(ops, s, bos, false).state();
        s = m.decoder().step(ops, s, bos, false).state();
        DecoderState full = s;
        assertThatThrownBy(() -> m.decoder().step(ops, full, bos, false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("a target of 3 tokens").hasMessageContaining("'model.decoder.max_length' is 2");
    }

    @Test
    void anEmptyBatch() {
        Seq2SeqModel m = model(Map.of(), Map.of());
        Tensor none = ops.constantIds(new long[0], 0, 3);
        assertThatThrownBy(() -> m.encoder().encode(ops, none, ops.notEqual(none, 0))).isInstanceOf(ShapeException.class)
                .hasMessage("model.encoder: the batch is empty (source ids [0, 3]); give at least one sequence");
        Tensor src = ops.constantIds(new long[] {4, 5}, 1, 2);
        var encoded = m.encoder().encode(ops, src, ops.notEqual(src, 0));
        assertThatThrownBy(() -> m.decoder().forward(ops, encoded, ops.constantIds(new long[0], 1, 0)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("model.decoder: the sequences are empty");
        DecoderState s = m.decoder().initialState(ops, encoded);
        assertThatThrownBy(() -> m.decoder().step(ops, s, ops.constantIds(new long[0], 0, 1), false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("model.decoder: the batch is empty (previous tokens [0, 1])");
    }

    @Test
    void otherBadSettingsNameTheKey() {
        assertThatThrownBy(() -> model(Map.of("norm", "middle"), Map.of()))
                .hasMessage("'model.encoder.norm' is 'middle'; valid values: [post, pre]");
        assertThatThrownBy(() -> model(Map.of("d_model", 7, "heads", 1), Map.of()))
                .hasMessage("'model.encoder.d_model' (7) must be even for sinusoidal positions");
        assertThatThrownBy(() -> model(Map.of("dropuot", 0.1), Map.of()))
                .hasMessageContaining("unknown key 'model.encoder.dropuot'").hasMessageContaining("dropout");
        assertThatThrownBy(() -> model(Map.of(), Map.of("self_attention", Map.of("name", "telepathy"))))
                .hasMessageContaining("telepathy").hasMessageContaining("causal");
        assertThatThrownBy(() -> model(Map.of(), Map.of("cross_attention", Map.of("name", "multi-head", "dim", 4))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("'model.decoder.cross_attention' gives vectors of size 4; the residual connections need d_model (8)");
        assertThatThrownBy(() -> Models.model(V, V + 1, Models.small(Map.of()), Models.small(Map.of("share_embeddings", true)), 1))
                .hasMessage("'model.decoder.share_embeddings' needs one vocabulary for both sides: the source has 9 tokens,"
                        + " the target 10");
    }
}
