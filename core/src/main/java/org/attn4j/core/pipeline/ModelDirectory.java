package org.attn4j.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ModelFormatException;

/**
 * The layout of a trained model on disk (DESIGN.md): {@code config.json} (the configuration it
 * was trained with), {@code source/} and {@code target/} (each a tokenizer and its
 * {@code vocab.json}), {@code weights.safetensors} (the best weights, readable by other tools),
 * and {@code checkpoints/} (training state, for resuming). ONNX export adds {@code onnx/}.
 */
public final class ModelDirectory {
    public static final String CONFIG = "config.json";
    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    public static final String WEIGHTS = "weights.safetensors";
    public static final String CHECKPOINTS = "checkpoints";

    private final Path root;

    public ModelDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve(CONFIG);
    }

    public Path source() {
        return root.resolve(SOURCE);
    }

    public Path target() {
        return root.resolve(TARGET);
    }

    public Path weights() {
        return root.resolve(WEIGHTS);
    }

    public Path checkpoints() {
        return root.resolve(CHECKPOINTS);
    }

    /**
     * Checks that a trained model is here; the message lists every missing file.
     *
     * @throws ModelFormatException if the directory or any required file is missing
     */
    public ModelDirectory requireComplete() {
        if (!Files.isDirectory(root)) {
            throw new ModelFormatException(root + ": no such model directory");
        }
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(config(), source().resolve("vocab.json"), target().resolve("vocab.json"), weights())) {
            if (!Files.isRegularFile(p)) {
                missing.add(root.relativize(p).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelFormatException(root + " is not a complete model directory: missing " + missing);
        }
        return this;
    }

    /** Writes {@code configFile} (JSON or YAML) as {@code config.json}, atomically. */
    public void writeConfig(Path configFile) {
        writeConfig(readTree(configFile));
    }

    /** Writes {@code tree} as {@code config.json}, atomically. */
    public void writeConfig(JsonNode tree) {
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, ".config", ".tmp");
            try {
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), tree);
                Files.move(tmp, config(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config(), e);
        }
    }

    /** A configuration file (JSON or YAML, by its name) as a tree. */
    static JsonNode readTree(Path configFile) {
        String name = configFile.getFileName().toString();
        ObjectMapper reader = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new ObjectMapper();
        try {
            return reader.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile, e);
        }
    }
}
