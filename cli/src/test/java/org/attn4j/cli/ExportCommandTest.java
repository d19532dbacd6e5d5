package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export}, then {@code translate} and {@code evaluate} with {@code --backend onnx}, on a tiny model. */
class ExportCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        TinyModel.train(dir, 200, """
                data: {train: {tsv: pairs.tsv}}
                tokenizer: {source: {name: bpe, merges: 100}}
                model:
                  encoder: {name: rnn, hidden: 8, embedding_dim: 8}
                  decoder: {name: rnn, hidden: 8, embedding_dim: 8, attention: {name: additive}}
                training: {epochs: 1, max_tokens: 600, validate_bleu: false}
                """);
        model = dir.resolve("model");
    }

    @Test
    void exportThenTranslateOnOnnxGivesTheJavaOutput() throws IOException {
        CliRun before = CliRun.of("translate", "--model", model.toString(), "--backend", "onnx", "--input",
                TinyModel.write(dir, "none.txt", "I like cats."));
        assertThat(before.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(before.err()).contains("onnx: missing").contains("attn4j export --model");

        CliRun export = CliRun.of("export", "--model", model.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("encoder.onnx, decoder_step.onnx, manifest.json (opset 17");
        assertThat(model.resolve("onnx/manifest.json")).exists();
        assertThat(CliRun.of("export", "--model", model.toString()).exitCode()).isZero(); // again: replaced in place
        try (var files = Files.list(model)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".onnx"));
        }

        String in = TinyModel.write(dir, "in.txt", "I like cats.", "", "Where is the station?");
        CliRun java = CliRun.of("translate", "--model", model.toString(), "--input", in, "--beam", "3");
        CliRun onnx = CliRun.of("translate", "--model", model.toString(), "--input", in, "--beam", "3", "--backend", "onnx");
        assertThat(onnx.exitCode()).as(onnx.err()).isZero();
        assertThat(onnx.outLines()).hasSize(3).isEqualTo(java.outLines());

        String ref = TinyModel.write(dir, "ref.txt", "J'aime les chats.", "", "Où est la gare ?");
        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--src", in, "--ref", ref, "--backend", "onnx");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).containsPattern("BLEU \\d+\\.\\d{6}");
    }

    @Test
    void exportWithForwardAddsTheForwardGraphToTheManifest() throws IOException {
        Path copy = dir.resolve("with-forward");
        copyTree(model, copy);
        CliRun r = CliRun.of("export", "--model", copy.toString(), "--forward", "--forward-length", "7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("decoder_step.onnx, forward.onnx, manifest.json")
                .contains("forward graph: [src [batch, src_len], tgt_in [batch, 7]] -> [logits [batch, 7, ");
        assertThat(copy.resolve("onnx/forward.onnx")).exists();
        org.attn4j.onnx.Manifest m = org.attn4j.onnx.Manifest.read(copy.resolve("onnx/manifest.json"));
        assertThat(m.forward().file()).isEqualTo("forward.onnx");
        // the decoding graphs still open and agree with the Java engine
        String in = TinyModel.write(dir, "fwd.txt", "I like cats.");
        CliRun java = CliRun.of("translate", "--model", copy.toString(), "--input", in);
        CliRun onnx = CliRun.of("translate", "--model", copy.toString(), "--input", in, "--backend", "onnx");
        assertThat(onnx.exitCode()).as(onnx.err()).isZero();
        assertThat(onnx.outLines()).isEqualTo(java.outLines());

        CliRun bad = CliRun.of("export", "--model", copy.toString(), "--forward", "--forward-length", "0");
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("--forward-length must be at least 1, got 0");
        CliRun alone = CliRun.of("export", "--model", copy.toString(), "--forward-length", "7");
        assertThat(alone.exitCode()).isEqualTo(Main.USAGE);
        assertThat(alone.err()).contains("--forward-length applies to the forward graph; add --forward");
    }

    @Test
    void quantizeInt8PrintsAndRecordsItAndTheOnnxBackendRunsIt() throws IOException {
        Path copy = dir.resolve("int8");
        copyTree(model, copy);
        CliRun r = CliRun.of("export", "--model", copy.toString(), "--quantize", "int8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("quantized int8: weights int8, symmetric, one scale per output channel");
        org.attn4j.onnx.Manifest m = org.attn4j.onnx.Manifest.read(copy.resolve("onnx/manifest.json"));
        assertThat(m.quantization().scheme()).isEqualTo("int8");
        String in = TinyModel.write(dir, "int8.txt", "I like cats.");
        CliRun onnx = CliRun.of("translate", "--model", copy.toString(), "--input", in, "--backend", "onnx");
        assertThat(onnx.exitCode()).as(onnx.err()).isZero();
        assertThat(onnx.outLines()).hasSize(1);

        CliRun bad = CliRun.of("export", "--model", copy.toString(), "--quantize", "int4");
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("--quantize: unknown scheme 'int4' (known: int8)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void anUnknownBackendIsNamed() throws IOException {
        CliRun r = CliRun.of("translate", "--model", model.toString(), "--backend", "tpu", "--input",
                TinyModel.write(dir, "x.txt", "Hi."));
        assertThat(r.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("'runtime.backend' is 'tpu'").contains("[java, onnx]");
    }

    @Test
    void exportOfAMissingModelFails() {
        CliRun r = CliRun.of("export", "--model", dir.resolve("nothing").toString());
        assertThat(r.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("no such model directory");
    }

}
