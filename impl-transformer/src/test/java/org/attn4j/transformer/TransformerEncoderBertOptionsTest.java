package org.attn4j.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.Parameter;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The encoder's BERT options, {@code token_types} and {@code embedding_norm}: parameter names,
 * the embeddings against a plain double-precision twin, type 0 as the default, gradients.
 */
class TransformerEncoderBertOptionsTest {
    private static final int V = 11;
    private static final long[] IDS = {2, 5, 7, 3, 2, 9, 3, 0};
    private static final long[] TYPES = {0, 0, 1, 1, 0, 0, 0, 0};
    private static final float[] MASK = {1, 1, 1, 1, 1, 1, 1, 0};

    private static TransformerEncoder encoder(Map<String, ?> extra) {
        Map<String, Object> o = Models.small(Map.of("layers", 1, "positions", "learned", "max_length", 6,
                "scale_embeddings", false, "activation", "gelu", "final_norm", false, "norm_eps", 1e-12));
        o.putAll(extra);
        ModelContext ctx = new ModelContext(V, V, Models.PLUGINS.attentionFactory(), new SplittableRandom(3));
        return (TransformerEncoder) Models.PLUGINS.get(PluginKind.ENCODER, "transformer")
                .create(Options.of("model.encoder", o), ctx);
    }

    private static final Map<String, Object> BERT = Map.of("token_types", 2, "embedding_norm", true);

    @Test
    void addsATypeTableAndANormOnlyWhenAskedFor() {
        Map<String, Parameter> bert = encoder(BERT).namedParameters();
        assertThat(bert.get("embedder.types.weight").shape()).containsExactly(2, 8);
        assertThat(bert.get("embedder.norm.weight").shape()).containsExactly(8);
        assertThat(bert.get("embedder.norm.bias").shape()).containsExactly(8);
        assertThat(encoder(Map.of()).namedParameters().keySet()).noneMatch(k -> k.startsWith("embedder.types")
                || k.startsWith("embedder.norm"));
        assertThatThrownBy(() -> encoder(Map.of("token_types", -1))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'model.encoder.token_types' must be 0 or more");
    }

    @Test
    void embeddingsAreTheNormOfWordPlusTypePlusPosition() {
        TransformerEncoder enc = encoder(BERT);
        Map<String, Parameter> p = enc.namedParameters();
        float[] gamma = p.get("embedder.norm.weight").data();
        float[] beta = p.get("embedder.norm.bias").data();
        for (int i = 0; i < 8; i++) { // not the identity norm, so that the test sees the affine part
            gamma[i] = 1 + 0.1f * i;
            beta[i] = 0.05f * i - 0.2f;
        }
        float[] word = p.get("embedder.embedding.weight").data();
        float[] type = p.get("embedder.types.weight").data();
        float[] pos = p.get("embedder.positions").data();
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        List<Tensor> states = new ArrayList<>();
        ops.noGrad(() -> enc.encode(ops, ops.constantIds(IDS, 2, 4), ops.constantIds(TYPES, 2, 4),
                ops.constant(MASK, 2, 4), null, states));
        float[] got = ((EagerTensor) states.get(0)).floats();
        double worst = 0;
        for (int r = 0; r < IDS.length; r++) {
            double[] x = new double[8];
            double mean = 0;
            for (int d = 0; d < 8; d++) {
                x[d] = (double) word[(int) IDS[r] * 8 + d] + type[(int) TYPES[r] * 8 + d] + pos[(r % 4) * 8 + d];
                mean += x[d] / 8;
            }
            double var = 0;
            for (int d = 0; d < 8; d++) {
                var += (x[d] - mean) * (x[d] - mean) / 8;
            }
            for (int d = 0; d < 8; d++) {
                double want = (x[d] - mean) / Math.sqrt(var + 1e-12) * gamma[d] + beta[d];
                worst = Math.max(worst, Math.abs(got[r * 8 + d] - want));
            }
        }
        assertThat(worst).isLessThan(1e-5);
        assertThat(states).hasSize(2);
    }

    @Test
    void noTypesMeansTypeZeroAndTypesChangeTheOutput() {
        TransformerEncoder enc = encoder(BERT);
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        float[] none = run(ops, enc, null);
        float[] zeros = run(ops, enc, new long[IDS.length]);
        float[] typed = run(ops, enc, TYPES);
        assertThat(none).containsExactly(zeros);
        assertThat(typed).isNotEqualTo(zeros);
    }

    private static float[] run(EagerOps ops, TransformerEncoder enc, long[] types) {
        return ops.noGrad(() -> ((EagerTensor) enc.encode(ops, ops.constantIds(IDS, 2, 4),
                types == null ? null : ops.constantIds(types, 2, 4), ops.constant(MASK, 2, 4), null, null).memory())
                .floats().clone());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        TransformerEncoder enc = encoder(Map.of("token_types", 2, "embedding_norm", true, "d_model", 4, "ffn_dim", 6));
        GradCheck.standard().check("bert-style encoder", (ops, in) -> enc.encode(ops, ops.constantIds(IDS, 2, 4),
                ops.constantIds(TYPES, 2, 4), ops.constant(MASK, 2, 4), null, null).memory(), List.of(), List.of(),
                enc.parameters());
    }
}
