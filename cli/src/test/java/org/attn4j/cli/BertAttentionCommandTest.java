package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attn4j attention} on a BERT encoder: the bert-tiny fixture ({@code shared/fixtures/hf})
 * imported once, then its self-attention drawn as a grid of 2 layers x 4 heads.
 */
class BertAttentionCommandTest {
    private static final String TEXT = "The cat chased the mouse across the room.";
    /** BertTokenizer's tokens of TEXT over the fixture's vocabulary (its reference.json). */
    private static final List<String> TOKENS = List.of("[CLS]", "the", "cat", "c", "##h", "##a", "##s", "##ed", "the", "m",
            "##o", "##u", "##s", "##e", "a", "##c", "##r", "##o", "##s", "##s", "the", "room", ".", "[SEP]");

    @TempDir
    static Path dir;
    static Path hf;
    static Path model;

    @BeforeAll
    static void importBertTiny() {
        hf = Paths.get(System.getProperty("attn4j.fixtures", "../../shared/fixtures")).resolve("hf").resolve("bert-tiny");
        Assumptions.assumeTrue(Files.isDirectory(hf), hf + " not found (set -Dattn4j.fixtures): BERT attention skipped");
        model = dir.resolve("bert-tiny");
        CliRun r = CliRun.of("import", "--from", hf.toString(), "--out", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void svgHasAPanelPerLayerAndHeadWithTheTokensOnBothAxes() throws IOException {
        Path svg = dir.resolve("bert.svg");
        CliRun r = CliRun.of("attention", "--model", model.toString(), "--text", TEXT, "--out", svg.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(labels(r, "tokens:")).isEqualTo(TOKENS);
        assertThat(r.out()).contains("maps: 8 (4 per row: layer 0, head 0 ... layer 1, head 3)");
        String doc = Files.readString(svg);
        assertThat(doc).startsWith("<?xml").contains("<svg").endsWith("</svg>\n");
        for (int layer = 0; layer < 2; layer++) {
            for (int head = 0; head < 4; head++) {
                assertThat(count(doc, ">layer " + layer + ", head " + head + "</text>")).as("title of layer %d head %d",
                        layer, head).isEqualTo(1);
            }
        }
        // every panel labels each row and column once: 8 panels x 2 axes x occurrences of the token
        for (String token : List.of("[CLS]", "cat", "##ed", "room", "[SEP]")) {
            long times = TOKENS.stream().filter(token::equals).count();
            assertThat(count(doc, ">" + token + "</text>")).as("labels of %s", token).isEqualTo(8 * 2 * times);
        }
        // one cell per query-key pair in each panel, each with its tooltip weight in [0, 1]; rows sum to 1
        Matcher cell = Pattern.compile("<title>[^<]* \u2190 [^<]*: ([0-9.]+)</title>").matcher(doc);
        int cells = 0;
        double sum = 0;
        while (cell.find()) {
            double w = Double.parseDouble(cell.group(1));
            assertThat(w).isBetween(0.0, 1.0);
            sum += w;
            cells++;
        }
        assertThat(cells).isEqualTo(8 * TOKENS.size() * TOKENS.size());
        assertThat(sum / (8 * TOKENS.size())).as("mean row sum (weights rounded to 3 decimals)").isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void pngAndHtmlFromTheHuggingFaceDirectoryToo() throws IOException {
        Path png = dir.resolve("bert.png");
        CliRun r = CliRun.of("attention", "--model", hf.toString(), "--text", TEXT, "--out", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        // 4 x 2 panels, each wider and taller than its 24 x 24 cells of 24 px
        assertThat(image.getWidth()).isGreaterThan(4 * 24 * TOKENS.size());
        assertThat(image.getHeight()).isGreaterThan(2 * 24 * TOKENS.size());
        assertThat(r.out()).contains("wrote " + png + " (" + image.getWidth() + " x " + image.getHeight() + " px)");
        Path html = dir.resolve("bert.html");
        CliRun h = CliRun.of("attention", "--model", model.toString(), "--text", TEXT, "--out", html.toString());
        assertThat(h.exitCode()).as(h.err()).isZero();
        assertThat(Files.readString(html)).contains("<svg").contains(">layer 1, head 3</text>").contains(TEXT);
    }

    @Test
    void theOnnxBackendIsRefusedForBert() {
        Path png = dir.resolve("onnx.png");
        CliRun r = CliRun.of("attention", "--model", model.toString(), "--text", TEXT, "--out", png.toString(),
                "--backend", "onnx");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("java backend only");
        assertThat(png).doesNotExist();
    }

    private static int count(String doc, String part) {
        int n = 0;
        for (int i = doc.indexOf(part); i >= 0; i = doc.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> labels(CliRun r, String prefix) {
        String line = r.outLines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return Arrays.asList(line.substring(prefix.length()).strip().split(" "));
    }
}
