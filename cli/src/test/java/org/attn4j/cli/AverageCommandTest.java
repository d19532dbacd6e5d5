package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attn4j.core.io.SafeTensors;
import org.attn4j.core.io.SafeTensorsReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code average} on a tiny model trained for three epochs (two checkpoints kept, plus the best). */
class AverageCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        TinyModel.train(dir, 120, """
                data: {train: {tsv: pairs.tsv}, valid_size: 20}
                tokenizer: {source: {name: bpe, merges: 50}}
                model:
                  encoder: {name: rnn, hidden: 8, embedding_dim: 8}
                  decoder: {name: rnn, hidden: 8, embedding_dim: 8, attention: {name: additive}}
                training: {epochs: 3, max_tokens: 600, validate_bleu: false, keep: 2}
                """);
        model = dir.resolve("model");
    }

    @Test
    void averagesTheKeptCheckpointsIntoANewModelThatTranslates() throws IOException {
        Path out = dir.resolve("avg");
        CliRun r = CliRun.of("average", "--model", model.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("averaged 2 checkpoints \\[step-\\d{12}, step-\\d{12}\\] into " + out);
        assertThat(out.resolve("config.json")).hasSameTextualContentAs(model.resolve("config.json"));
        assertThat(out.resolve("source/vocab.json")).exists();
        assertThat(out.resolve("checkpoints")).doesNotExist();
        try (SafeTensorsReader w = SafeTensors.open(out.resolve("weights.safetensors"))) {
            assertThat(w.metadata().get("attn4j.averaged")).contains("step-");
        }

        String in = TinyModel.write(dir, "in.txt", "I like cats.", "Where is the station?");
        CliRun t = CliRun.of("translate", "--model", out.toString(), "--input", in);
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.outLines()).hasSize(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".avg"));
        }
    }

    @Test
    void lastAndBestChooseTheCheckpoints() {
        Path out = dir.resolve("avg-best");
        CliRun r = CliRun.of("average", "--model", model.toString(), "--last", "1", "--best", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("averaged 2 checkpoints \\[step-\\d{12}, best\\]");
    }

    @Test
    void badChoicesAreClearErrorsAndWriteNothing() throws IOException {
        Path out = dir.resolve("never");
        CliRun tooMany = CliRun.of("average", "--model", model.toString(), "--last", "5", "--out", out.toString());
        assertThat(tooMany.exitCode()).isEqualTo(Main.USAGE);
        assertThat(tooMany.err()).contains("--last 5: ").contains("holds 2 checkpoint(s)");

        CliRun one = CliRun.of("average", "--model", model.toString(), "--last", "1", "--out", out.toString());
        assertThat(one.exitCode()).isEqualTo(Main.USAGE);
        assertThat(one.err()).contains("averaging needs at least two checkpoints");

        CliRun exists = CliRun.of("average", "--model", model.toString(), "--out", model.toString());
        assertThat(exists.exitCode()).isEqualTo(Main.USAGE);
        assertThat(exists.err()).contains("already exists");

        Path other = dir.resolve("other.safetensors");
        Files.write(other, new byte[] {1, 2, 3});
        CliRun damaged = CliRun.of("average", "--model", model.toString(), "--last", "1", "--checkpoint", other.toString(),
                "--out", out.toString());
        assertThat(damaged.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(damaged.err()).contains(other + ": 3 bytes, too short");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".never"));
        }
    }
}
