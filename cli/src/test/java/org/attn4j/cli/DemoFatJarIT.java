package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new commands from the packaged cli/target/attn4j.jar in its own JVM: the demo finds its
 * corpus inside the jar wherever the jar is (run from an empty working directory, one short
 * epoch), and {@code plugins} sees the plugins merged into the jar.
 */
class DemoFatJarIT {
    @TempDir
    Path dir;

    @Test
    void demoRunsFromTheJarAloneInAnEmptyDirectory() throws Exception {
        Path jar = Path.of(System.getProperty("attn4j.jar", "target/attn4j.jar")).toAbsolutePath();
        Path work = Files.createDirectories(dir.resolve("empty"));
        String out = run(work, List.of(java(), "-jar", jar.toString(), "demo", "--epochs", "1", "--pairs", "300", "--out", "d"));
        assertThat(out).contains("held-out BLEU").contains("attention heatmap");
        BufferedImage png = ImageIO.read(work.resolve("d").resolve("attention.png").toFile());
        assertThat(png).isNotNull();
        assertThat(work.resolve("d").resolve("model").resolve("weights.safetensors")).isRegularFile();

        String plugins = run(work, List.of(java(), "-jar", jar.toString(), "plugins"));
        assertThat(plugins).containsPattern("attention +additive ").containsPattern("decoder +rnn ")
                .containsPattern("tokenizer +opennlp ").containsPattern("backend +java ");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String run(Path workDir, List<String> command) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished in time: %s", command).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out);
    }
}
