package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny model trained in-process with {@code attn4j train} from the shipped Tatoeba pairs, for command tests. */
final class TinyModel {
    private TinyModel() {
    }

    /**
     * Writes the first {@code pairs} shipped pairs to {@code dir/pairs.tsv} and {@code yaml} to
     * {@code dir/tiny.yaml} (its paths are relative to {@code dir}), trains into {@code dir/model}
     * and checks that training succeeded.
     */
    static CliRun train(Path dir, int pairs, String yaml) throws IOException {
        Path corpus = Path.of(System.getProperty("attn4j.projectData", "../data")).resolve("tatoeba-eng-fra.tsv");
        Files.write(dir.resolve("pairs.tsv"), Files.readAllLines(corpus, StandardCharsets.UTF_8).subList(0, pairs));
        Files.writeString(dir.resolve("tiny.yaml"), yaml);
        CliRun r = CliRun.of("train", "--config", dir.resolve("tiny.yaml").toString(), "--out",
                dir.resolve("model").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    /** Writes {@code lines} (UTF-8) to {@code dir/name} and returns its path as a string. */
    static String write(Path dir, String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p.toString();
    }
}
