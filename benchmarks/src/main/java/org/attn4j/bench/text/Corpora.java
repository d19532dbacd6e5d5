package org.attn4j.bench.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shared corpora for the text benchmarks: the folder named by the system property
 * {@code attn4j.data}, or {@code ../shared/data} relative to the working directory (the
 * repository root). JMH forks inherit the working directory; pass another folder with
 * {@code -jvmArgsAppend -Dattn4j.data=...}.
 */
final class Corpora {
    private Corpora() {
    }

    static Path folder() {
        Path dir = Path.of(System.getProperty("attn4j.data", "../shared/data"));
        if (!Files.isDirectory(dir.resolve("multi30k"))) {
            throw new IllegalStateException("no multi30k/ under " + dir.toAbsolutePath()
                    + "; run from the repository root or set -Dattn4j.data");
        }
        return dir;
    }

    /** The lines of {@code multi30k/<name>}. */
    static List<String> multi30k(String name) {
        try {
            return Files.readAllLines(folder().resolve("multi30k").resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** train.en followed by train.de. */
    static List<String> jointTraining() {
        List<String> lines = new ArrayList<>(multi30k("train.en"));
        lines.addAll(multi30k("train.de"));
        return lines;
    }
}
