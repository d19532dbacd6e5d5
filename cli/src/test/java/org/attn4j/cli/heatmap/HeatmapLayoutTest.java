package org.attn4j.cli.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapLayoutTest {

    @Test
    void sizesFollowTheDocumentedFormula() {
        AttentionMap m = HeatmapsTest.sample(); // rows le, chat, </s> (longest 4); columns the, cat, <&>, </s> (longest 4)
        HeatmapLayout layout = HeatmapLayout.of(m);
        int label = HeatmapLayout.GAP + HeatmapLayout.CHAR_WIDTH * 4;
        assertThat(layout.width()).isEqualTo(Math.max(HeatmapLayout.LEGEND_WIDTH, 2 * HeatmapLayout.PAD + label + 4 * 24));
        assertThat(layout.height()).isEqualTo(2 * HeatmapLayout.PAD + label + 3 * 24 + HeatmapLayout.LEGEND_HEIGHT);
    }

    @Test
    void longLabelsAreCutWithAnEllipsisAndCountedInCodePoints() {
        String longWord = "anticonstitutionnellement"; // 25 characters
        assertThat(HeatmapLayout.fit(longWord)).hasSize(HeatmapLayout.MAX_LABEL_CHARS).endsWith("\u2026");
        assertThat(HeatmapLayout.fit("chat")).isEqualTo("chat");
        assertThat(HeatmapLayout.labelSpace(List.of(longWord)))
                .isEqualTo(HeatmapLayout.GAP + HeatmapLayout.CHAR_WIDTH * HeatmapLayout.MAX_LABEL_CHARS);
        assertThat(HeatmapLayout.labelSpace(List.of("\uD83D\uDE00x"))).isEqualTo(HeatmapLayout.GAP + 2 * HeatmapLayout.CHAR_WIDTH);
    }

    @Test
    void coloursRunFromLightToDarkAndClamp() {
        assertThat(HeatmapLayout.color(0f)).isEqualTo(0xfafafa);
        assertThat(HeatmapLayout.color(1f)).isEqualTo(HeatmapLayout.color(7f));
        assertThat(HeatmapLayout.color(-1f)).isEqualTo(0xfafafa);
        int previous = Integer.MAX_VALUE;
        for (int i = 0; i <= 10; i++) {
            int c = HeatmapLayout.color(i / 10f);
            int brightness = (c >> 16) + ((c >> 8) & 0xff) + (c & 0xff);
            assertThat(brightness).isLessThan(previous);
            previous = brightness;
        }
    }

    @Test
    void emptyInputIsRefused() {
        assertThatThrownBy(() -> HeatmapLayout.of(List.of(), 1)).hasMessageContaining("no attention map");
        assertThatThrownBy(() -> HeatmapLayout.of(List.of(HeatmapsTest.sample()), 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new AttentionMap("", List.of(), List.of("a"), new float[0][]))
                .hasMessageContaining("at least one row and one column");
    }
}
