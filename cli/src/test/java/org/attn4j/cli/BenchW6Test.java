package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attn4j bench W6} on the tiny Marian fixture imported with {@code attn4j import}: the wiring,
 * the output and the token file, never a speed (one timed decode per configuration).
 */
class BenchW6Test {

    @Test
    void w6DecodesExactly32TokensPerRowAndEndsWithTheFinalLine(@TempDir Path dir) throws IOException {
        Path fixture = Path.of(System.getProperty("attn4j.fixtures", "../../shared/fixtures")).resolve("hf")
                .resolve("marian-tiny-en-fr");
        Assumptions.assumeTrue(Files.isDirectory(fixture), fixture + " not found (set -Dattn4j.fixtures)");
        Path model = dir.resolve("tiny");
        CliRun imp = CliRun.of("import", "--from", fixture.toString(), "--out", model.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();

        Path tokens = dir.resolve("tokens.txt");
        CliRun r = CliRun.of("bench", "W6", "--model", model.toString(), "--steps", "1", "--warmup", "0", "--tokens",
                tokens.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("# W6 backend=java load_s=").contains("vocab=1479");
        assertThat(r.lastOutLine()).matches("W6 attn4j backend=java greedy_b1=[\\d.]+ greedy_b83=[\\d.]+ beam4_b1=[\\d.]+"
                + " beam4_b83=[\\d.]+ ttft_ms_greedy=[\\d.]+ ttft_ms_beam4=[\\d.]+ load_s=[\\d.]+ peak_rss_mb=\\d+");

        List<String> lines = Files.readAllLines(tokens, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2 * (1 + 83));
        for (String line : lines) {
            String[] f = line.split(" ");
            assertThat(f[0]).matches("(greedy|beam4)_b(1|83)");
            int[] ids = Arrays.stream(f, 2, f.length).mapToInt(Integer::parseInt).toArray();
            // Hugging Face ids: 32 of them, never EOS (0) or PAD (1478)
            assertThat(ids).hasSize(32).doesNotContain(0, 1478);
            assertThat(Arrays.stream(ids).allMatch(id -> id > 0 && id < 1478)).isTrue();
        }
        // the batch-1 row is row 0 of the batch of 83: the same source, decoded alone or batched
        assertThat(lines.get(0).substring("greedy_b1 0".length()))
                .isEqualTo(lines.get(1).substring("greedy_b83 0".length()));
    }

    @Test
    void w6NeedsAnImportedModel(@TempDir Path dir) {
        CliRun r = CliRun.of("bench", "W6", "--model", dir.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("import.json: missing; W6 runs on a Marian checkpoint imported with attn4j import");
    }
}
