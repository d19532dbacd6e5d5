package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code translate} and {@code evaluate} in-process on a tiny model trained once
 * from 300 shipped Tatoeba pairs: exit codes, files, resume, and bad input.
 */
class TrainTranslateEvaluateTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        CliRun r = TinyModel.train(dir, 300, """
                data: {train: {tsv: pairs.tsv}, valid_size: 30}
                tokenizer: {source: {name: bpe, merges: 200}}
                model:
                  encoder: {name: rnn, hidden: 16, embedding_dim: 8}
                  decoder: {name: rnn, hidden: 16, embedding_dim: 8, attention: {name: additive}}
                training: {epochs: 1, max_tokens: 600}
                """);
        model = dir.resolve("model");
        assertThat(r.out()).contains("epoch 1: train loss").contains("model written to");
    }

    @Test
    void trainingAgainResumesFromTheCheckpoint() {
        CliRun r = CliRun.of("train", "--config", dir.resolve("tiny.yaml").toString(), "--out", model.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("resumed from").contains("(0 epochs this run)");
    }

    @Test
    void translateWritesOneLinePerInputLineAtomically() throws IOException {
        List<String> in = new ArrayList<>(List.of("I like cats.", "", "Where is the station?"));
        in.add(String.join(" ", java.util.Collections.nCopies(1000, "word")));
        Path input = dir.resolve("in.txt");
        Files.write(input, in);
        Path output = dir.resolve("out.txt");
        CliRun r = CliRun.of("translate", "--model", model.toString(), "--input", input.toString(), "--output",
                output.toString(), "--beam", "2", "--max-length", "12");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> out = Files.readAllLines(output);
        assertThat(out).hasSize(4);
        assertThat(out.get(1)).isEmpty();
        assertThat(r.err()).contains("line 4: longer than 250 tokens; translated its first 250");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theModelsDecodingSectionSetsTheDefaultsAndOptionsOverrideIt() throws IOException {
        Path tuned = dir.resolve("tuned");
        org.attn4j.core.io.FileTrees.copy(model, tuned);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(tuned.resolve("config.json").toFile());
        config.putObject("decoding").put("beam", 3).put("length_penalty", 2.0).put("max_length", 4);
        json.writeValue(tuned.resolve("config.json").toFile(), config);
        Path in = Files.write(dir.resolve("decoding.txt"), List.of("I like cats.", "Where is the station?"));

        CliRun configured = CliRun.of("translate", "--model", tuned.toString(), "--input", in.toString());
        CliRun explicit = CliRun.of("translate", "--model", model.toString(), "--input", in.toString(), "--beam", "3",
                "--length-penalty", "2.0", "--max-length", "4");
        assertThat(configured.exitCode()).as(configured.err()).isZero();
        assertThat(configured.outLines()).hasSize(2).isEqualTo(explicit.outLines());
        assertThat(configured.outLines()).allSatisfy(line -> assertThat(line.split(" ").length).isLessThanOrEqualTo(4));

        CliRun greedy = CliRun.of("translate", "--model", tuned.toString(), "--input", in.toString(), "--beam", "1",
                "--max-length", "0");
        CliRun plain = CliRun.of("translate", "--model", model.toString(), "--input", in.toString());
        assertThat(greedy.outLines()).isEqualTo(plain.outLines());

        config.putObject("decoding").put("beam", 0);
        json.writeValue(tuned.resolve("config.json").toFile(), config);
        CliRun bad = CliRun.of("translate", "--model", tuned.toString(), "--input", in.toString());
        assertThat(bad.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(bad.err()).contains("'decoding.beam' must be at least 1, got 0");
    }

    @Test
    void evaluatePrintsBleuAndChrf() throws IOException {
        Files.write(dir.resolve("src.txt"), List.of("I like cats.", "You are late."));
        Files.write(dir.resolve("ref.txt"), List.of("J'aime les chats.", "Tu es en retard."));
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--src", dir.resolve("src.txt").toString(), "--ref",
                dir.resolve("ref.txt").toString(), "--max-length", "8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("BLEU \\d+\\.\\d{6}").containsPattern("chrF \\d+\\.\\d{6}");
    }

    @Test
    void badInputFailsWithAClearMessage() throws IOException {
        CliRun missing = CliRun.of("translate", "--model", dir.resolve("nothing").toString(), "--input",
                dir.resolve("nothing.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.FAILURE);
        Path incomplete = Files.createDirectories(dir.resolve("incomplete"));
        Files.writeString(incomplete.resolve("config.json"), "{}");
        Files.write(dir.resolve("one.txt"), List.of("hello"));
        CliRun partial = CliRun.of("translate", "--model", incomplete.toString(), "--input", dir.resolve("one.txt").toString());
        assertThat(partial.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(partial.err()).contains("is not a complete model directory: missing [source/vocab.json, target/vocab.json,"
                + " weights.safetensors]");
        Files.writeString(dir.resolve("bad.yaml"), "model: {encoder: {name: rnn}, decoder: {name: rnn}}\ntraining: {epoch: 3}\n");
        CliRun bad = CliRun.of("train", "--config", dir.resolve("bad.yaml").toString(), "--out", dir.resolve("m2").toString());
        assertThat(bad.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(bad.err()).contains("unknown key 'training.epoch'").contains("epochs");
        CliRun beam = CliRun.of("translate", "--model", model.toString(), "--beam", "0");
        assertThat(beam.exitCode()).isEqualTo(Main.USAGE);
        assertThat(beam.err()).contains("--beam must be at least 1, got 0");
        assertThat(dir.resolve("m2")).doesNotExist();
    }
}
