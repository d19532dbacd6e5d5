package org.attn4j.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ModelFormatException;

/**
 * The JSON header of a safetensors file: parsing with every check the format implies, so that
 * nothing read afterwards can fall outside the file or be misinterpreted.
 *
 * @param tensors the tensors in header order
 * @param metadata the {@code __metadata__} strings (empty if absent)
 */
record SafeTensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> TENSOR_KEYS = Set.of("dtype", "shape", "data_offsets");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Parses and checks a header.
     *
     * @param file the file, for messages
     * @param json the header bytes (UTF-8 JSON, possibly padded with trailing spaces)
     * @param bufferLength the size of the data buffer that follows the header
     */
    static SafeTensorsHeader parse(Path file, byte[] json, long bufferLength) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getByteOffset() < 0 ? "" : " at header byte " + at.getByteOffset();
            throw new ModelFormatException(file + ": the safetensors header is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot parse the safetensors header: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file + ": the safetensors header must be a JSON object, found "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, e.getValue());
            } else {
                tensors.put(e.getKey(), parseTensor(file, e.getKey(), e.getValue(), bufferLength));
            }
        }
        checkLayout(file, tensors.values(), bufferLength);
        return new SafeTensorsHeader(Collections.unmodifiableMap(tensors), metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new ModelFormatException(file + ": " + METADATA_KEY + " must be an object of strings, found "
                    + node.getNodeType());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(file + ": " + METADATA_KEY + " entry '" + e.getKey()
                        + "' must be a string, found " + e.getValue().getNodeType());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node, long bufferLength) {
        String at = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new ModelFormatException(at + " must be described by an object, found " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!TENSOR_KEYS.contains(key)) {
                throw new ModelFormatException(at + " has unknown field '" + key + "' (expected dtype, shape, data_offsets)");
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new ModelFormatException(at + " has no dtype string");
        }
        SafeTensorsDType dtype = SafeTensorsDType.byName(dtypeNode.textValue());
        if (dtype == null) {
            throw new ModelFormatException(at + " has unknown dtype '" + dtypeNode.textValue() + "'");
        }
        long[] shape = longs(at, node.get("shape"), "shape", -1);
        long[] offsets = longs(at, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new ModelFormatException(at + " has data_offsets [" + begin + ", " + end + "] that end before they begin");
        }
        long bytes;
        try {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            bytes = Math.multiplyExact(n, dtype.byteSize());
        } catch (ArithmeticException overflow) {
            throw new ModelFormatException(at + " has shape " + Arrays.toString(shape) + ", too large to exist");
        }
        if (end - begin != bytes) {
            throw new ModelFormatException(at + " has dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " (" + bytes + " bytes) but data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes");
        }
        if (end > bufferLength) {
            throw new ModelFormatException(at + " has data_offsets [" + begin + ", " + end + "] past the end of the "
                    + bufferLength + "-byte data buffer: the file is truncated or corrupt");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers; {@code length < 0} means any length. */
    private static long[] longs(String at, JsonNode node, String field, int length) {
        if (node == null || !node.isArray()) {
            throw new ModelFormatException(at + " has no " + field + " array");
        }
        if (length >= 0 && node.size() != length) {
            throw new ModelFormatException(at + " has " + field + " of " + node.size() + " numbers, expected " + length);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new ModelFormatException(at + " has " + field + " " + node + ": entries must be integers >= 0");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** The tensors must tile the data buffer exactly: no overlap, no gap, no trailing bytes. */
    private static void checkLayout(Path file, Iterable<TensorInfo> tensors, long bufferLength) {
        List<TensorInfo> sorted = new ArrayList<>();
        tensors.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < expected) {
                throw new ModelFormatException(file + ": tensor '" + t.name() + "' data_offsets [" + t.begin() + ", "
                        + t.end() + "] overlap tensor '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            if (t.begin() > expected) {
                throw new ModelFormatException(file + ": " + (t.begin() - expected) + " unused bytes in the data buffer "
                        + "before tensor '" + t.name() + "' (data_offsets [" + t.begin() + ", " + t.end() + "])");
            }
            expected = t.end();
            previous = t;
        }
        if (expected != bufferLength) {
            throw new ModelFormatException(file + ": the data buffer has " + (bufferLength - expected)
                    + " bytes after the last tensor: the header does not describe the file");
        }
    }
}
