package org.attn4j.cli.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attn4j.api.Attn4jException;
import org.attn4j.core.pipeline.Translation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HeatmapsTest {
    @TempDir
    Path dir;

    /** 3 target rows x 4 source columns; row 1 puts all its weight on column 2. */
    static AttentionMap sample() {
        return new AttentionMap("", List.of("le", "chat", "</s>"), List.of("the", "cat", "<&>", "</s>"),
                new float[][] {{0.7f, 0.1f, 0.1f, 0.1f}, {0f, 0f, 1f, 0f}, {0.25f, 0.25f, 0.25f, 0.25f}});
    }

    @Test
    void pngDecodesWithTheLayoutSizeAndColoursEachCellByItsWeight() throws IOException {
        Path png = dir.resolve("map.png");
        HeatmapLayout layout = Heatmaps.write(png, List.of(sample()), 1, List.of());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
        HeatmapLayout.Panel p = layout.panels().get(0);
        int cell = HeatmapLayout.CELL;
        // the centre of row 1, column 2 (weight 1) and of row 1, column 0 (weight 0)
        assertThat(image.getRGB(p.cellsX() + 2 * cell + cell / 2, p.cellsY() + cell + cell / 2) & 0xffffff)
                .isEqualTo(HeatmapLayout.color(1f));
        assertThat(image.getRGB(p.cellsX() + cell / 2, p.cellsY() + cell + cell / 2) & 0xffffff)
                .isEqualTo(HeatmapLayout.color(0f));
        // labels are drawn: the label column left of the cells is not blank
        assertThat(countNonWhite(image, HeatmapLayout.PAD, p.cellsY(), p.cellsX() - HeatmapLayout.PAD, 3 * cell)).isPositive();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(png); // no temporary file left
        }
    }

    @Test
    void svgIsWellFormedWithARectAndATooltipPerCell() throws Exception {
        Path svg = dir.resolve("map.svg");
        HeatmapLayout layout = Heatmaps.write(svg, List.of(sample()), 1, List.of());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo(String.valueOf(layout.width()));
        NodeList titles = doc.getElementsByTagName("title");
        assertThat(titles.getLength()).isEqualTo(12);
        assertThat(titles.item(6).getTextContent()).isEqualTo("chat \u2190 <&>: 1.000");
    }

    @Test
    void htmlIsSelfContainedAndEscapesTheCaption() throws IOException {
        Path html = dir.resolve("map.html");
        Heatmaps.write(html, List.of(sample()), 1, List.of("Source: a <b> & c", "Translation: x"));
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("Source: a &lt;b&gt; &amp; c")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
    }

    @Test
    void aGridOfMapsGetsASlotPerMapAndTitles() throws IOException {
        AttentionMap m = sample();
        List<AttentionMap> heads = List.of(new AttentionMap("layer 1 head 1", m.rows(), m.columns(), m.weights()),
                new AttentionMap("layer 1 head 2", m.rows(), m.columns(), m.weights()),
                new AttentionMap("layer 2 head 1", m.rows(), m.columns(), m.weights()));
        HeatmapLayout one = HeatmapLayout.of(List.of(m), 1);
        HeatmapLayout grid = Heatmaps.write(dir.resolve("grid.png"), heads, 2, List.of());
        int slotWidth = 2 * HeatmapLayout.PAD + HeatmapLayout.labelSpace(m.rows()) + 4 * HeatmapLayout.CELL;
        int slotHeight = one.height() - HeatmapLayout.LEGEND_HEIGHT + HeatmapLayout.TITLE;
        assertThat(grid.width()).isEqualTo(2 * slotWidth);
        assertThat(grid.height()).isEqualTo(2 * slotHeight + HeatmapLayout.LEGEND_HEIGHT);
        assertThat(grid.panels().get(2).slotY()).isEqualTo(slotHeight);
        assertThat(grid.panels().get(1).slotX()).isEqualTo(slotWidth);
        BufferedImage image = ImageIO.read(dir.resolve("grid.png").toFile());
        assertThat(image.getWidth()).isEqualTo(grid.width());
    }

    @Test
    void anUnknownExtensionIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> Heatmaps.write(dir.resolve("map.gif"), List.of(sample()), 1, List.of()))
                .isInstanceOf(Attn4jException.class).hasMessageContaining("must end in .png, .svg or .html");
        assertThat(dir.resolve("map.gif")).doesNotExist();
        assertThat(Heatmaps.supports(Path.of("A.PNG"))).isTrue();
        assertThat(Heatmaps.supports(Path.of("png"))).isFalse();
    }

    @Test
    void aTranslationBecomesAMapWithEosOnBothAxes() {
        Translation t = new Translation("le chat", List.of("the", "cat"), List.of("le", "chat"), -1.0,
                new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, false);
        AttentionMap m = AttentionMap.of(t);
        assertThat(m.columns()).containsExactly("the", "cat", "</s>");
        assertThat(m.rows()).containsExactly("le", "chat", "</s>");
        Translation noAttention = new Translation("x", List.of("x"), List.of("x"), 0, null, false);
        assertThatThrownBy(() -> AttentionMap.of(noAttention)).hasMessageContaining("without attention weights");
    }

    @Test
    void badMatricesAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> new AttentionMap("", List.of("a"), List.of("b", "c"), new float[][] {{1f}}))
                .hasMessage("weights row 0 has 1 values but there are 2 column labels");
        assertThatThrownBy(() -> new AttentionMap("", List.of("a", "b"), List.of("c"), new float[][] {{1f}}))
                .hasMessage("weights have 1 rows but there are 2 row labels");
        assertThatThrownBy(() -> new AttentionMap("", List.of("a"), List.of("c"), new float[][] {{Float.NaN}}))
                .hasMessage("weight [0][0] is NaN");
    }

    private static int countNonWhite(BufferedImage image, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    n++;
                }
            }
        }
        return n;
    }
}
