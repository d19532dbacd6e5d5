package org.attn4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ModelFormatException;

/** The {@code training.json} file of a checkpoint: format tag, version, step, epoch, optimizer, metadata. */
final class TrainingStateJson {
    static final String FORMAT = "attn4j-checkpoint";
    static final int VERSION = 1;
    private static final Set<String> KEYS = Set.of("format", "version", "step", "epoch", "optimizer", "metadata");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** What a checkpoint's {@code training.json} holds. */
    record Content(TrainingState state, String optimizer) {
    }

    private TrainingStateJson() {
    }

    static byte[] encode(TrainingState state, String optimizer) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("step", state.step());
        root.put("epoch", state.epoch());
        if (optimizer == null) {
            root.putNull("optimizer");
        } else {
            root.put("optimizer", optimizer);
        }
        ObjectNode meta = root.putObject("metadata");
        state.metadata().forEach(meta::put);
        return JSON.writeValueAsBytes(root);
    }

    static Content read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file + ": expected a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!KEYS.contains(e.getKey())) {
                throw new ModelFormatException(file + ": unknown key '" + e.getKey() + "', expected one of " + KEYS);
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.textValue())) {
            throw new ModelFormatException(file + ": \"format\" must be \"" + FORMAT + "\", found " + format);
        }
        long version = number(file, root, "version");
        if (version != VERSION) {
            throw new ModelFormatException(file + ": version " + version + " is not supported (this is version "
                    + VERSION + ")");
        }
        JsonNode opt = root.get("optimizer");
        if (opt == null || !(opt.isNull() || opt.isTextual())) {
            throw new ModelFormatException(file + ": \"optimizer\" must be a string or null");
        }
        JsonNode meta = root.get("metadata");
        if (meta == null || !meta.isObject()) {
            throw new ModelFormatException(file + ": \"metadata\" must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : meta.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(file + ": metadata '" + e.getKey() + "' must be a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        TrainingState state = new TrainingState(number(file, root, "step"), number(file, root, "epoch"), metadata);
        return new Content(state, opt.isNull() ? null : opt.textValue());
    }

    private static long number(Path file, JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new ModelFormatException(file + ": \"" + key + "\" must be an integer >= 0, found " + v);
        }
        return v.longValue();
    }
}
