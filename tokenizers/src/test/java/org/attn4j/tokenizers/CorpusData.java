package org.attn4j.tokenizers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared corpora under the {@code attn4j.data} folder; tests that use them are skipped when it is absent. */
final class CorpusData {
    private CorpusData() {
    }

    /** The data folder, or a skipped test when it is not there. */
    static Path folder() {
        assumeTrue(available(), "skipped: corpus folder attn4j.data (" + System.getProperty("attn4j.data")
                + ") with multi30k/ is absent");
        return Path.of(System.getProperty("attn4j.data"));
    }

    /** Whether the data folder is there (for set-up code, which must not skip a whole class silently). */
    static boolean available() {
        String property = System.getProperty("attn4j.data");
        return property != null && Files.isDirectory(Path.of(property).resolve("multi30k"));
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column {@code column} (0 or 1) of the tab-separated Tatoeba file. */
    static List<String> tatoeba(Path data, int column) {
        Path file = data.resolve("tatoeba").resolve("eng-fra.tsv");
        assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is absent");
        List<String> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] parts = line.split("\t", -1);
            if (parts.length != 2) {
                throw new IllegalStateException(file + ": a line without exactly one tab: " + line);
            }
            out.add(parts[column]);
        }
        return out;
    }
}
