package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attn4j demo}, cut down to one epoch on the first 400 pairs so that it runs in seconds:
 * the corpus comes from the class path, and the folder holds a usable model and the heatmaps.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoLeavesAModelAHeatmapAndReportsHeldOutBleu() throws IOException {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--out", out.toString(), "--epochs", "1", "--pairs", "400");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("English -> French, 400 training pairs, 300 held out")
                .contains("CC-BY 2.0 FR")
                .contains("epoch 1 [")
                .contains("  en:        ")
                .containsPattern("held-out BLEU \\d+\\.\\d\\d, chrF \\d+\\.\\d\\d on 300 pairs")
                .containsPattern("ONNX Runtime gives the same translation for \\d+ of 300 held-out sentences");
        Matcher same = Pattern.compile("the same translation for (\\d+) of 300").matcher(r.out());
        assertThat(same.find()).isTrue();
        // Greedy decoding on two engines agrees unless two logits tie within float rounding (1e-5).
        assertThat(Integer.parseInt(same.group(1))).as("translations equal under ONNX Runtime").isGreaterThanOrEqualTo(297);
        assertThat(out.resolve("model").resolve("onnx").resolve("decoder_step.onnx")).isRegularFile();
        assertThat(out.resolve("model").resolve("config.json")).isRegularFile();
        assertThat(out.resolve("model").resolve("weights.safetensors")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("data").resolve("heldout.tsv"))).hasSize(DemoCommand.HELD_OUT);
        BufferedImage png = ImageIO.read(out.resolve("attention.png").toFile());
        assertThat(png.getWidth()).isPositive();
        assertThat(Files.readString(out.resolve("attention.html"))).contains("<svg");

        // the model directory works with the other commands
        CliRun translate = CliRun.of("attention", "--model", out.resolve("model").toString(), "--text", "I like cats.",
                "--out", dir.resolve("cats.svg").toString(), "--max-length", "4");
        assertThat(translate.exitCode()).as(translate.err()).isZero();
    }

    @Test
    void theShippedCorpusIsOnTheClassPath() {
        assertThat(DemoCorpus.lines()).hasSize(6000).allMatch(l -> l.split("\t").length == 2);
    }

    @Test
    void badEpochsIsBadUsage() {
        CliRun r = CliRun.of("demo", "--out", dir.resolve("x").toString(), "--epochs", "0");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--epochs must be at least 1, got 0");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
