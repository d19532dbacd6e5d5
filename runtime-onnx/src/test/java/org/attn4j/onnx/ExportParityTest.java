package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eager and ONNX Runtime logits agree within 1e-4 (max abs) for GRU and LSTM encoders, uni- and
 * bidirectional, with every built-in attention variant and with none, in both decoder styles,
 * and with two layers (the memory is 8 wide either way, so dot scores fit); at batch sizes and lengths the export never saw.
 */
class ExportParityTest {
    private static final PluginRegistry PLUGINS = PluginDiscovery.discover(ExportParityTest.class.getClassLoader());
    private static final int V = 13;

    static Stream<Arguments> models() {
        Stream.Builder<Arguments> out = Stream.builder();
        Map<String, Map<String, Object>> attentions = new LinkedHashMap<>();
        attentions.put("additive", Map.of("name", "additive"));
        attentions.put("multiplicative general", Map.of("name", "multiplicative"));
        attentions.put("multiplicative dot scaled", Map.of("name", "multiplicative", "mode", "dot", "scaled", true));
        attentions.put("local-p", Map.of("name", "local", "mode", "local-p", "window", 2));
        attentions.put("local-m", Map.of("name", "local", "mode", "local-m", "window", 1));
        attentions.put("multi-head", Map.of("name", "multi-head", "heads", 2));
        attentions.put("none", Map.of("name", "none"));
        for (String cell : new String[] {"gru", "lstm"}) {
            for (boolean bi : new boolean[] {false, true}) {
                attentions.forEach((name, block) -> out.add(Arguments.of(cell, bi, name, block, "bahdanau", 1)));
            }
            out.add(Arguments.of(cell, true, "additive", attentions.get("additive"), "luong", 2));
            out.add(Arguments.of(cell, false, "multi-head", attentions.get("multi-head"), "luong", 1));
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} bidirectional={1} {2} {4} layers={5}")
    @MethodSource("models")
    void logitsAgree(String cell, boolean bidirectional, String name, Map<String, Object> attention, String style,
            int layers, @TempDir Path dir) {
        Map<String, Object> enc = Map.of("cell", cell, "embedding_dim", 5, "hidden", bidirectional ? 4 : 8, "layers", layers,
                "bidirectional", bidirectional);
        Map<String, Object> dec = Map.of("cell", cell, "embedding_dim", 6, "hidden", 8, "layers", layers,
                "style", style, "attention", attention);
        var model = ExportParity.rnnModel(PLUGINS, V, enc, dec, 11);
        assertThat(ExportParity.check(model, V, dir)).isLessThan(1e-4);
    }
}
