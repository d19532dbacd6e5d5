package org.attn4j.tokenizers.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;

/**
 * The {@value #FILE_NAME} a saved tokenizer writes:
 * <pre>{@code
 * {"format": "attn4j-tokenizer", "version": 1, "name": "bpe", "options": {...}, ...}
 * }</pre>
 * {@code options} holds every option with its resolved value; a tokenizer may add fields of its
 * own (BPE adds {@code merges}).
 */
public final class TokenizerFile {
    /** The file name inside the model directory. */
    public static final String FILE_NAME = "tokenizer.json";
    private static final String FORMAT = "attn4j-tokenizer";
    private static final int VERSION = 1;

    private TokenizerFile() {
    }

    /** A new file body for provider {@code name} with {@code options}; add fields, then {@link #write}. */
    public static ObjectNode create(String name, Map<String, Object> options) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", name);
        root.set("options", Json.mapper().valueToTree(options));
        return root;
    }

    /** Writes {@code root} to {@code dir}/{@value #FILE_NAME} atomically. */
    public static void write(Path dir, ObjectNode root) {
        Json.write(dir.resolve(FILE_NAME), root);
    }

    /**
     * The file in {@code dir}, checked to be an attn4j tokenizer file written for provider
     * {@code name}.
     */
    public static ObjectNode read(Path dir, String name) {
        Path file = dir.resolve(FILE_NAME);
        ObjectNode root = Json.readObject(file, "tokenizer");
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new ModelFormatException(file + " is not an attn4j tokenizer file (\"format\" must be \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new ModelFormatException(file + " has version " + root.path("version") + "; this attn4j reads version "
                    + VERSION);
        }
        String saved = root.path("name").asText(null);
        if (!name.equals(saved)) {
            throw new ModelFormatException(file + " holds a '" + saved + "' tokenizer, not '" + name + "'");
        }
        if (!root.path("options").isObject()) {
            throw new ModelFormatException(file + " has no \"options\" object");
        }
        return root;
    }

    /** The name of the provider that wrote the file in {@code dir}. */
    public static String providerName(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode name = Json.readObject(file, "tokenizer").path("name");
        if (!name.isTextual()) {
            throw new ModelFormatException(file + " has no \"name\" naming the tokenizer provider");
        }
        return name.asText();
    }

    /** What a provider does with a saved file's body and options. */
    @FunctionalInterface
    public interface Builder<T> {
        T build(ObjectNode root, Options options);
    }

    /**
     * Reads the file in {@code dir} for provider {@code name} and builds from it; a bad saved
     * option becomes a {@link ModelFormatException} naming the file.
     */
    public static <T> T load(Path dir, String name, Builder<T> builder) {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
        ObjectNode root = read(dir, name);
        try {
            return builder.build(root, options(dir, root));
        } catch (ConfigurationException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }

    /** The saved options, with {@code where} naming the file in messages. */
    public static Options options(Path dir, ObjectNode root) {
        Map<String, Object> map = Json.mapper().convertValue(root.get("options"), new TypeReference<Map<String, Object>>() { });
        return Options.of(dir.resolve(FILE_NAME) + ": options", map);
    }
}
