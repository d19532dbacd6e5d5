package org.attn4j.tokenizers.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.attn4j.api.ModelFormatException;

/** Reads and writes the module's JSON files, turning Jackson's failures into messages that name the file. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The shared mapper (thread-safe once configured); for converting values only. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The JSON object in {@code file}.
     *
     * @param what what the file holds, for messages ("vocabulary", "tokenizer")
     */
    public static ObjectNode readObject(Path file, String what) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(what + " file not found: " + file);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ModelFormatException(what + " file " + file + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ModelFormatException(what + " file " + file + " must hold a JSON object, found "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return object;
    }

    /** Writes {@code node} to {@code file} as UTF-8 through a temporary file. */
    public static void write(Path file, JsonNode node) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + file + ": " + e.getOriginalMessage(), e);
        }
        AtomicFiles.write(file, bytes);
    }
}
