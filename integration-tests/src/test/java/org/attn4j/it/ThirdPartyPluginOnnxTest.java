package org.attn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.onnx.ExportParity;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The third-party cosine attention, found by discovery and written against the api alone, exports
 * to ONNX with no code of its own: eager and ONNX Runtime logits agree within 1e-4 at shapes the
 * export never saw, greedy and beam-5 search give the same tokens on both, and the teacher-forced
 * forward graph ({@code forward.onnx}) gives the eager logits within 1e-4 on padded batches.
 */
class ThirdPartyPluginOnnxTest {
    private static final PluginRegistry PLUGINS = PluginDiscovery.discover(ThirdPartyPluginOnnxTest.class.getClassLoader());
    private static final int V = 17;

    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @CsvSource({"gru, false, bahdanau", "gru, true, luong", "lstm, true, bahdanau", "lstm, false, luong"})
    void cosineAttentionExportsAndDecodesAlike(String cell, boolean bidirectional, String style, @TempDir Path dir) {
        Seq2SeqModel model = ExportParity.rnnModel(PLUGINS, V,
                Map.of("cell", cell, "embedding_dim", 6, "hidden", 5, "bidirectional", bidirectional),
                Map.of("cell", cell, "embedding_dim", 6, "hidden", 7, "style", style,
                        "attention", Map.of("name", "cosine", "temperature", 4.0)), 5);
        assertThat(ExportParity.check(model, V, dir.resolve("a"))).isLessThan(1e-4);
        int[][] sources = {{5, 9, 12, 16, 3}, {4, 3}, {6, 7, 8, 9, 10, 11, 12, 13, 3}, {15, 14, 3}};
        ExportParity.decodesAlike(model, V, dir.resolve("b"), sources);
        assertThat(ExportParity.forwardCheck(model, V, dir.resolve("c"), 6)).as("forward.onnx").isLessThan(1e-4);
    }
}
