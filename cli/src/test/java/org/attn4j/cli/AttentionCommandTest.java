package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attn4j attention} on a tiny model trained once from 300 shipped Tatoeba pairs. */
class AttentionCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        TinyModel.train(dir, 300, """
                data: {train: {tsv: pairs.tsv}}
                tokenizer: {source: {name: whitespace}}
                model:
                  encoder: {name: rnn, hidden: 16, embedding_dim: 8}
                  decoder: {name: rnn, hidden: 16, embedding_dim: 8, attention: {name: additive}}
                training: {epochs: 1, max_tokens: 600}
                """);
        model = dir.resolve("model");
    }

    @Test
    void pngHasOneCellPerTokenPairAndTheDocumentedSize() throws IOException {
        Path png = dir.resolve("map.png");
        CliRun r = CliRun.of("attention", "--model", model.toString(), "--text", "I like cats .", "--out", png.toString(),
                "--max-length", "6");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("translation: ");
        List<String> columns = labels(r, "columns (source):");
        List<String> rows = labels(r, "rows (target):");
        assertThat(columns).containsExactly("I", "like", "cats", ".", "</s>");
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(7);
        BufferedImage image = ImageIO.read(png.toFile());
        // docs/cli.md: label(t) = GAP + CHAR_WIDTH x min(16, longest); width = max(260, 2 PAD + label(rows) + CELL x columns),
        // height = 2 PAD + label(columns) + CELL x rows + LEGEND_HEIGHT
        int width = Math.max(260, 2 * 12 + (6 + 8 * Math.min(16, longest(rows))) + 24 * 5);
        int height = 2 * 12 + (6 + 8 * 4) + 24 * rows.size() + 36;
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(r.out()).contains("wrote " + png + " (" + image.getWidth() + " x " + image.getHeight() + " px)");
    }

    @Test
    void aTransformerGivesAGridOfLayersAndHeads() throws IOException {
        Files.writeString(dir.resolve("transformer.yaml"), """
                data: {train: {tsv: pairs.tsv}}
                tokenizer: {source: {name: whitespace}}
                model:
                  encoder: {name: transformer, d_model: 8, heads: 2, layers: 2, ffn_dim: 16}
                  decoder: {name: transformer, d_model: 8, heads: 2, layers: 2, ffn_dim: 16}
                training: {epochs: 1, max_tokens: 600}
                """);
        Path transformer = dir.resolve("transformer");
        CliRun train = CliRun.of("train", "--config", dir.resolve("transformer.yaml").toString(), "--out",
                transformer.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();

        Path png = dir.resolve("grid.png");
        CliRun r = CliRun.of("attention", "--model", transformer.toString(), "--text", "I like cats .", "--out",
                png.toString(), "--max-length", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("maps: 4 (2 per row: layer 0 cross, head 0 ... layer 1 cross, head 1)");
        List<String> columns = labels(r, "columns (source):");
        List<String> rows = labels(r, "rows (target):");
        assertThat(columns).containsExactly("I", "like", "cats", ".", "</s>");
        BufferedImage image = ImageIO.read(png.toFile());
        // 2 x 2 panels (layers down, heads across), each with a title line
        int panelWidth = 2 * 12 + (6 + 8 * Math.min(16, longest(rows))) + 24 * columns.size();
        int panelHeight = 2 * 12 + 20 + (6 + 8 * 4) + 24 * rows.size();
        assertThat(image.getWidth()).isEqualTo(Math.max(260, 2 * panelWidth));
        assertThat(image.getHeight()).isEqualTo(2 * panelHeight + 36);

        Path withSelf = dir.resolve("self.png");
        CliRun s = CliRun.of("attention", "--model", transformer.toString(), "--text", "I like cats .", "--out",
                withSelf.toString(), "--max-length", "4", "--self");
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out()).contains("maps: 8 (2 per row: layer 0 cross, head 0 ... layer 1 self, head 1)");
        BufferedImage both = ImageIO.read(withSelf.toFile());
        // self panels have the target inputs (<s> and the tokens) across: no more columns than the source's here
        int selfColumns = rows.size();
        int selfLabel = Math.max(3, longest(rows.subList(0, rows.size() - 1)));
        int tallest = Math.max(panelHeight, 2 * 12 + 20 + (6 + 8 * Math.min(16, selfLabel)) + 24 * rows.size());
        int widest = Math.max(panelWidth, 2 * 12 + (6 + 8 * Math.min(16, longest(rows))) + 24 * selfColumns);
        assertThat(both.getWidth()).isEqualTo(Math.max(260, 2 * widest));
        assertThat(both.getHeight()).isEqualTo(4 * tallest + 36);

        // on ONNX Runtime: the one map the step graph outputs (last layer, heads averaged)
        CliRun export = CliRun.of("export", "--model", transformer.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path onnx = dir.resolve("onnx.png");
        CliRun o = CliRun.of("attention", "--model", transformer.toString(), "--text", "I like cats .", "--out",
                onnx.toString(), "--max-length", "4", "--backend", "onnx");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).doesNotContain("maps:");
        assertThat(labels(o, "rows (target):")).isEqualTo(rows);
        BufferedImage single = ImageIO.read(onnx.toFile());
        assertThat(single.getWidth()).isEqualTo(Math.max(260, panelWidth));
        assertThat(single.getHeight()).isEqualTo(panelHeight - 20 + 36);
    }

    @Test
    void svgAndHtmlToo() throws IOException {
        for (String name : List.of("map.svg", "map.html")) {
            Path file = dir.resolve(name);
            CliRun r = CliRun.of("attention", "--model", model.toString(), "--text", "Where is the station?", "--out",
                    file.toString(), "--beam", "2", "--max-length", "5");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(Files.readString(file)).contains("<svg").contains("station?");
        }
    }

    @Test
    void badUsageAndFailures() {
        CliRun gif = CliRun.of("attention", "--model", model.toString(), "--text", "hi", "--out", dir.resolve("m.gif").toString());
        assertThat(gif.exitCode()).isEqualTo(Main.USAGE);
        assertThat(gif.err()).contains("--out must end in .png, .svg or .html");
        CliRun empty = CliRun.of("attention", "--model", model.toString(), "--text", " ", "--out", dir.resolve("e.png").toString());
        assertThat(empty.exitCode()).isEqualTo(Main.USAGE);
        assertThat(empty.err()).contains("--text is empty");
        CliRun missing = CliRun.of("attention", "--model", dir.resolve("none").toString(), "--text", "hi", "--out",
                dir.resolve("n.png").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(missing.err()).startsWith("attn4j attention: ");
        assertThat(dir.resolve("n.png")).doesNotExist();
    }

    private static List<String> labels(CliRun r, String prefix) {
        String line = r.outLines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        String rest = line.substring(prefix.length()).strip();
        return rest.isEmpty() ? List.of() : Arrays.asList(rest.split(" "));
    }

    private static int longest(List<String> labels) {
        int n = 0;
        for (String s : labels) {
            n = Math.max(n, s.codePointCount(0, s.length()));
        }
        return n;
    }
}
