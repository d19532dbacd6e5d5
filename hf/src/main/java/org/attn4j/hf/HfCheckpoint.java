package org.attn4j.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.attn4j.api.ModelFormatException;
import org.attn4j.core.io.SafeTensors;
import org.attn4j.core.io.SafeTensorsReader;
import org.attn4j.core.io.TensorInfo;

/**
 * A Hugging Face model directory opened for import: its {@code config.json} and the tensors of
 * its {@code model.safetensors}, read one at a time as float32 from F32, F16 or BF16, so an
 * import never holds the file's data twice.
 *
 * <p>Every problem is a {@link ModelFormatException} naming the file and, where there is one,
 * the key: a missing file, a config key that is absent or of the wrong type, a tensor that is
 * missing, of another shape than {@code config.json} implies, or of a dtype attn4j does not read.
 * Importers call {@link #floats} for every tensor they use and then {@link #requireAllRead}, so a
 * checkpoint with tensors the importer does not understand is refused rather than half-used.
 * Not thread-safe; close it after use.
 */
public final class HfCheckpoint implements AutoCloseable {
    /** The weights file a directory must hold; sharded and PyTorch-pickle checkpoints are not read. */
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";

    private final Path dir;
    private final Path configFile;
    private final JsonNode config;
    private final SafeTensorsReader weights;
    private final Set<String> read = new LinkedHashSet<>();

    private HfCheckpoint(Path dir, Path configFile, JsonNode config, SafeTensorsReader weights) {
        this.dir = dir;
        this.configFile = configFile;
        this.config = config;
        this.weights = weights;
    }

    /** Opens {@code dir}'s {@code config.json} and {@code model.safetensors}. */
    public static HfCheckpoint open(Path dir) {
        return open(dir, WEIGHTS);
    }

    /** Opens {@code dir}'s {@code config.json} and the safetensors file {@code weightsFile} in it. */
    public static HfCheckpoint open(Path dir, String weightsFile) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(dir + ": no such Hugging Face model directory");
        }
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFormatException(configFile + ": missing; a Hugging Face model directory holds its config.json");
        }
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(configFile.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(configFile + ": not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(configFile + ": cannot read: " + e, e);
        }
        if (config == null || !config.isObject()) {
            throw new ModelFormatException(configFile + ": not a JSON object");
        }
        Path w = dir.resolve(weightsFile);
        if (!Files.isRegularFile(w)) {
            String hint = Files.exists(dir.resolve("pytorch_model.bin"))
                    ? "; the directory has pytorch_model.bin, which attn4j does not read (a pickle can run code):"
                            + " save the model with safe_serialization=True to get " + WEIGHTS
                    : Files.exists(dir.resolve("model.safetensors.index.json"))
                            ? "; sharded checkpoints (model.safetensors.index.json) are not read yet" : "";
            throw new ModelFormatException(w + ": missing" + hint);
        }
        return new HfCheckpoint(dir, configFile, config, SafeTensors.open(w));
    }

    public Path dir() {
        return dir;
    }

    public JsonNode config() {
        return config;
    }

    /** {@code model_type} of config.json. */
    public String modelType() {
        return requireString("model_type");
    }

    /** A required integer key of config.json. */
    public int requireInt(String key) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            throw new ModelFormatException(configFile + ": key '" + key + "' is missing");
        }
        if (!n.canConvertToExactIntegral() || !n.canConvertToInt()) {
            throw new ModelFormatException(configFile + ": key '" + key + "' must be an integer, got " + n);
        }
        return n.asInt();
    }

    public int getInt(String key, int defaultValue) {
        JsonNode n = config.get(key);
        return n == null || n.isNull() ? defaultValue : requireInt(key);
    }

    public double getDouble(String key, double defaultValue) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isNumber()) {
            throw new ModelFormatException(configFile + ": key '" + key + "' must be a number, got " + n);
        }
        return n.asDouble();
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isBoolean()) {
            throw new ModelFormatException(configFile + ": key '" + key + "' must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    public String getString(String key, String defaultValue) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isTextual()) {
            throw new ModelFormatException(configFile + ": key '" + key + "' must be a string, got " + n);
        }
        return n.asText();
    }

    public String requireString(String key) {
        String s = getString(key, null);
        if (s == null) {
            throw new ModelFormatException(configFile + ": key '" + key + "' is missing");
        }
        return s;
    }

    /** The config file, for messages. */
    public Path configFile() {
        return configFile;
    }

    /** A file of the directory that must exist (a tokenizer model, say). */
    public Path requireFile(String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new ModelFormatException(p + ": missing; the " + getString("model_type", "model")
                    + " checkpoint needs it");
        }
        return p;
    }

    public boolean has(String tensor) {
        return weights.tensors().containsKey(tensor);
    }

    public Set<String> tensorNames() {
        return Collections.unmodifiableSet(weights.tensors().keySet());
    }

    /** The shape of {@code tensor} as stored. */
    public long[] shape(String tensor) {
        return info(tensor).shape().clone();
    }

    /**
     * The values of {@code tensor} as float32, which must have exactly {@code shape} (what the
     * config implies); F16 and BF16 widen exactly.
     */
    public float[] floats(String tensor, int... shape) {
        float[] out = new float[Math.toIntExact(checkShape(tensor, shape).elementCount())];
        weights.readAsFloats(tensor, out);
        read.add(tensor);
        return out;
    }

    /**
     * Reads {@code tensor}, which must have exactly {@code shape}, as float32 straight into
     * {@code dest} (a parameter's live values, say): no intermediate array.
     */
    public void readInto(String tensor, float[] dest, int... shape) {
        checkShape(tensor, shape);
        weights.readAsFloats(tensor, dest);
        read.add(tensor);
    }

    private TensorInfo checkShape(String tensor, int... shape) {
        TensorInfo t = info(tensor);
        if (!t.hasShape(shape)) {
            throw new ModelFormatException(weights.file() + ": tensor '" + tensor + "' has shape " + t.shapeString()
                    + ", but " + configFile.getFileName() + " implies " + Arrays.toString(shape));
        }
        return t;
    }

    /** Marks {@code tensor} as understood without reading it (a tied copy, say). */
    public void skip(String tensor) {
        info(tensor);
        read.add(tensor);
    }

    /** The dtype name of the weights (that of the first tensor), for messages and summaries. */
    public String dtype() {
        return weights.tensors().values().stream().findFirst().map(t -> t.dtype().name()).orElse("none");
    }

    /** Fails naming the first tensor of the file no importer call has read or skipped. */
    public void requireAllRead() {
        for (String name : weights.tensors().keySet()) {
            if (!read.contains(name)) {
                throw new ModelFormatException(weights.file() + ": unexpected tensor '" + name + "' of shape "
                        + weights.tensors().get(name).shapeString() + ": the " + getString("model_type", "")
                        + " importer does not know what it is");
            }
        }
    }

    private TensorInfo info(String tensor) {
        TensorInfo t = weights.tensors().get(tensor);
        if (t == null) {
            throw new ModelFormatException(weights.file() + ": tensor '" + tensor + "' is missing");
        }
        return t;
    }

    @Override
    public void close() {
        weights.close();
    }
}
