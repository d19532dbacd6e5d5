package org.attn4j.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;

/**
 * One reference case from the fixtures folder ({@code shared/fixtures/README.md}): its name,
 * definition, config and named tensors. The folder comes from the system property
 * {@code attn4j.fixtures}; parity tests are skipped, with a message, when it does not exist.
 */
public record Fixture(Path file, String name, String definition, JsonNode config, JsonNode tensors) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fixtures folder named by {@code attn4j.fixtures} (it may not exist). */
    public static Path folder() {
        return Paths.get(System.getProperty("attn4j.fixtures", "../../shared/fixtures"));
    }

    /**
     * Every case file in the folder whose name starts with {@code prefix}, sorted, each named by
     * its file name so that a parameterised test's display name holds it. When the folder or such
     * files are missing, one placeholder case named by the reason: {@link #load} then skips the
     * test with that message, so the run reports a skipped test rather than no test at all.
     */
    public static List<Named<Path>> cases(String prefix) {
        Path dir = folder();
        if (!Files.isDirectory(dir)) {
            return List.of(Named.of("skipped: fixtures folder " + dir.toAbsolutePath().normalize()
                    + " not found (set -Dattn4j.fixtures)", null));
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Named<Path>> out = new ArrayList<>();
            s.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".json"))
                    .sorted().forEach(p -> out.add(Named.of(p.getFileName().toString(), p)));
            return out.isEmpty() ? List.of(Named.of("skipped: no fixture files '" + prefix + "*.json' in " + dir, null)) : out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a case; skips the calling test when given a placeholder from {@link #cases}. */
    public static Fixture load(Path file) {
        Assumptions.assumeTrue(file != null, "fixtures folder " + folder().toAbsolutePath().normalize()
                + " not found or without matching cases (set -Dattn4j.fixtures): parity test skipped");
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return new Fixture(file, root.path("name").asText(), root.path("definition").asText(), root.path("config"),
                    root.path("tensors"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    public boolean has(String tensor) {
        return tensors.has(tensor);
    }

    public int[] shape(String tensor) {
        JsonNode s = node(tensor).path("shape");
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asInt();
        }
        return out;
    }

    public float[] floats(String tensor) {
        JsonNode d = node(tensor).path("data");
        float[] out = new float[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) d.get(i).asDouble();
        }
        return out;
    }

    public double[] doubles(String tensor) {
        JsonNode d = node(tensor).path("data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }

    public long[] longs(String tensor) {
        JsonNode d = node(tensor).path("data");
        long[] out = new long[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(d.get(i).asDouble());
        }
        return out;
    }

    private JsonNode node(String tensor) {
        JsonNode n = tensors.get(tensor);
        if (n == null) {
            throw new IllegalArgumentException("fixture " + file.getFileName() + " has no tensor '" + tensor + "'");
        }
        return n;
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
