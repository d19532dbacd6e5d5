package org.attn4j.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attn4j.core.testing.Close.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attn4j.api.Parameter;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.testing.Fixture;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with every attention case in the fixtures folder, whatever its shapes: the case's
 * config chooses the variant and its options, its {@code p_*} tensors become the module's
 * parameters, and the context, the weights and the gradients of {@code sum(context * r_probe)}
 * with respect to every input and parameter must agree within 1e-4 relative.
 */
class AttentionFixtureParityTest {
    private static final double REL = 1e-4;

    static Stream<Named<Path>> cases() {
        return Stream.of("additive", "multiplicative", "local", "multi_head", "causal")
                .flatMap(prefix -> Fixture.cases(prefix).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReference(Path file) {
        Fixture fx = Fixture.load(file);
        JsonNode c = fx.config();
        boolean self = !fx.has("in_key");
        int qd = fx.shape("in_query")[2];
        int kd = self ? qd : fx.shape("in_key")[2];
        int vd = self ? qd : fx.shape("in_value")[2];
        Map<String, Object> options = new LinkedHashMap<>();
        String provider;
        if (fx.name().startsWith("additive")) {
            provider = "additive";
            options.put("dim", c.path("attention_dim").asInt());
        } else if (fx.name().startsWith("multiplicative")) {
            provider = "multiplicative";
            options.put("mode", c.path("mode").asText());
            options.put("scaled", c.path("scaled").asBoolean());
        } else if (fx.name().startsWith("local")) {
            provider = "local";
            options.put("mode", fx.name().startsWith("local_m") ? "local-m" : "local-p");
            options.put("window", c.path("window").asInt());
            if (c.has("predictor_dim")) {
                options.put("predictor_dim", c.path("predictor_dim").asInt());
            }
        } else {
            provider = c.path("causal").asBoolean() ? "causal" : "multi-head";
            options.put("dim", c.path("dim").asInt());
            options.put("heads", c.path("heads").asInt());
        }
        Attention attention = new AttentionProviderLookup().find(provider)
                .create(new AttentionSpec(qd, kd, vd, Options.of("attention", options)), new SplittableRandom(0));
        Map<String, Parameter> params = load(fx, attention);

        EagerOps ops = new EagerOps(new SplittableRandom(0));
        EagerTensor q = ops.variable(fx.floats("in_query"), fx.shape("in_query"));
        EagerTensor k = self ? q : ops.variable(fx.floats("in_key"), fx.shape("in_key"));
        EagerTensor v = self ? q : ops.variable(fx.floats("in_value"), fx.shape("in_value"));
        EagerTensor mask = fx.has("in_mask") ? (EagerTensor) ops.constant(fx.floats("in_mask"), fx.shape("in_mask")) : null;
        AttentionOutput out = attention.forward(ops, new AttentionInput(q, k, v, mask), true);

        assertClose(fx + " context", ((EagerTensor) out.context()).floats(), fx.doubles("out_context"), REL);
        assertClose(fx + " weights", ((EagerTensor) out.weights()).floats(), fx.doubles("out_weights"), REL);
        ops.backward(out.context(), fx.floats("r_probe"));
        assertClose(fx + " grad_query", q.grad(), fx.doubles("grad_query"), REL);
        if (!self) {
            assertClose(fx + " grad_key", k.grad(), fx.doubles("grad_key"), REL);
            assertClose(fx + " grad_value", v.grad(), fx.doubles("grad_value"), REL);
        }
        params.forEach((name, p) -> assertClose(fx + " grad_" + name, p.grad(), fx.doubles("grad_" + name), REL));
    }

    /**
     * Copies every {@code p_X} tensor into the module parameter it names: {@code X} itself, or
     * the weight or bias of the linear layer it stands for ({@code Wq} is {@code Wq.weight},
     * {@code bq} is {@code Wq.bias}). Every module parameter must receive a value.
     */
    private static Map<String, Parameter> load(Fixture fx, Attention attention) {
        Map<String, Parameter> named = attention.namedParameters();
        Map<String, Parameter> byFixtureName = new LinkedHashMap<>();
        Set<String> unset = new HashSet<>(named.keySet());
        for (Iterator<String> it = fx.tensors().fieldNames(); it.hasNext();) {
            String t = it.next();
            if (!t.startsWith("p_")) {
                continue;
            }
            String x = t.substring(2);
            List<String> candidates = new ArrayList<>(List.of(x, x + ".weight"));
            if (x.length() == 2 && x.charAt(0) == 'b') {
                candidates.add("W" + x.charAt(1) + ".bias");
            }
            String match = candidates.stream().filter(named::containsKey).findFirst()
                    .orElseThrow(() -> new AssertionError(fx + ": no module parameter for " + t + " among " + named.keySet()));
            Parameter p = named.get(match);
            assertThat(p.shape()).as(fx + " " + t).containsExactly(fx.shape(t));
            p.set(fx.floats(t));
            unset.remove(match);
            byFixtureName.put(x, p);
        }
        assertThat(unset).as(fx + ": module parameters the case does not set").isEmpty();
        return byFixtureName;
    }
}
