package org.attn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code attn4j} command as a user runs it: each step in its own JVM ({@code java -cp ...
 * org.attn4j.cli.Main}), on this module's test class path, which holds the cli, every built-in
 * plugin and the example third-party plugin jar. {@code plugins} (with and without the plugin
 * jar), {@code train} on a tiny configuration, {@code translate} from standard input, and
 * {@code attention} (the PNG decodes and has the size docs/cli.md gives), {@code export} and
 * {@code translate --backend onnx}. The packaged jar
 * itself is exercised by cli's FatJarIT.
 */
class CommandLineProcessTest {
    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void trainTinyModelInAChildProcess() throws Exception {
        List<String> lines = Files.readAllLines(TatoebaLearningTest.corpus(), StandardCharsets.UTF_8).subList(0, 300);
        Files.write(dir.resolve("pairs.tsv"), lines, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tiny.yaml"), """
                data: {train: {tsv: pairs.tsv}, valid_size: 20}
                tokenizer: {source: {name: whitespace}}
                model:
                  encoder: {name: rnn, hidden: 16, embedding_dim: 8}
                  decoder: {name: rnn, hidden: 16, embedding_dim: 8, attention: {name: cosine, temperature: 4}}
                training: {epochs: 2, max_tokens: 600, validate_bleu: false}
                """);
        model = dir.resolve("model");
        Result train = attn4j(classPath(), null, "train", "--config", dir.resolve("tiny.yaml").toString(), "--out",
                model.toString());
        assertThat(train.code).as(train.err).isZero();
        assertThat(train.out).contains("epoch 2: train loss").contains("model written to");
        assertThat(model.resolve("weights.safetensors")).isRegularFile();
    }

    @Test
    void pluginsListsTheThirdPartyJarOnlyWhenItIsOnTheClassPath() throws Exception {
        Result with = attn4j(classPath(), null, "plugins");
        assertThat(with.code).as(with.err).isZero();
        assertThat(with.out).containsPattern("attention +cosine +org\\.example\\.attn4j\\.cosine\\.\\S+")
                .containsPattern("attention +additive +org\\.attn4j\\.attention\\.")
                .containsPattern("encoder +rnn ").containsPattern("tokenizer +bpe ").containsPattern("backend +java ");

        List<String> withoutPlugin = classPath().stream().filter(e -> !e.contains("cosine-attention")).toList();
        assertThat(withoutPlugin).hasSizeLessThan(classPath().size());
        Result without = attn4j(withoutPlugin, null, "plugins", "--kind", "attention");
        assertThat(without.code).as(without.err).isZero();
        assertThat(without.out).contains("additive").doesNotContain("cosine");
    }

    @Test
    void translateReadsStandardInput() throws Exception {
        Result r = attn4j(classPath(), "I like cats.\n\nWhere is the station?\n", "translate", "--model", model.toString(),
                "--max-length", "8");
        assertThat(r.code).as(r.err).isZero();
        List<String> out = r.out.lines().toList();
        assertThat(out).hasSize(3);
        assertThat(out.get(1)).isEmpty();
        assertThat(out.get(0)).isNotBlank();
    }

    @Test
    void attentionWritesAPngOfTheDocumentedSize() throws Exception {
        Path png = dir.resolve("map.png");
        Result r = attn4j(classPath(), null, "attention", "--model", model.toString(), "--text", "Tom is here .", "--out",
                png.toString(), "--max-length", "5");
        assertThat(r.code).as(r.err).isZero();
        List<String> columns = labels(r.out, "columns (source):");
        List<String> rows = labels(r.out, "rows (target):");
        assertThat(columns).containsExactly("Tom", "is", "here", ".", "</s>");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG that ImageIO decodes").isNotNull();
        // docs/cli.md: label(t) = 6 + 8 x min(16, longest label); width = max(260, 24 + label(rows) + 24 x columns);
        // height = 24 + label(columns) + 24 x rows + 36
        assertThat(image.getWidth()).isEqualTo(Math.max(260, 24 + 6 + 8 * Math.min(16, longest(rows)) + 24 * 5));
        assertThat(image.getHeight()).isEqualTo(24 + 6 + 8 * 4 + 24 * rows.size() + 36);
    }

    @Test
    void exportThenTranslateOnOnnxRuntimeGivesTheJavaTranslations() throws Exception {
        String input = "I like cats.\nWhere is the station?\nTom is here.\n";
        Result export = attn4j(classPath(), null, "export", "--model", model.toString());
        assertThat(export.code).as(export.err).isZero();
        assertThat(export.out).contains("encoder.onnx").contains("decoder_step.onnx");
        assertThat(model.resolve("onnx").resolve("manifest.json")).isRegularFile();
        Result java = attn4j(classPath(), input, "translate", "--model", model.toString(), "--beam", "3", "--max-length", "8");
        Result onnx = attn4j(classPath(), input, "translate", "--model", model.toString(), "--beam", "3", "--max-length", "8",
                "--backend", "onnx");
        assertThat(java.code).as(java.err).isZero();
        assertThat(onnx.code).as(onnx.err).isZero();
        assertThat(onnx.out.lines().toList()).hasSize(3).isEqualTo(java.out.lines().toList());
    }

    @Test
    void badUsageExitsWithTwoAndAFailureWithOne() throws Exception {
        Result usage = attn4j(classPath(), null, "attention", "--model", model.toString(), "--text", "hi", "--out",
                dir.resolve("map.bmp").toString());
        assertThat(usage.code).isEqualTo(2);
        assertThat(usage.err).contains("--out must end in .png, .svg or .html");
        Result failure = attn4j(classPath(), null, "attention", "--model", dir.resolve("missing").toString(), "--text", "hi",
                "--out", dir.resolve("x.png").toString());
        assertThat(failure.code).isEqualTo(1);
        assertThat(failure.err).startsWith("attn4j attention: ");
    }

    /** The entries of this test's class path (Surefire's full list, not its manifest-only booter jar). */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.isBlank()).toList();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result attn4j(List<String> classPath, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", String.join(File.pathSeparator, classPath), "org.attn4j.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time: %s", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> labels(String out, String prefix) {
        String line = out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
        return Arrays.stream(line.substring(prefix.length()).strip().split(" ")).collect(Collectors.toList());
    }

    private static int longest(List<String> labels) {
        return labels.stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(0);
    }
}
