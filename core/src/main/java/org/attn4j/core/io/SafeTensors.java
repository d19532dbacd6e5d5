package org.attn4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.attn4j.api.ModelFormatException;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, so weights exchange with PyTorch, JAX and other tools unchanged.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of UTF-8
 * JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * plus an optional {@code "__metadata__"} object of strings; then the data buffer, every tensor's
 * little-endian row-major bytes, tensors back to back. Offsets count from the start of the data
 * buffer. attn4j's writer puts {@code __metadata__} first and records the CRC-32C of the data
 * buffer in it under {@code attn4j.crc32c}, pads the header with spaces so the data starts at a
 * multiple of 8 bytes, and keeps the map order of the tensors. See {@code docs/checkpoints.md}.
 *
 * <p>Writes are atomic: the file is written under a temporary name in the same directory,
 * forced to disk and renamed over the target; a crash or an error leaves the previous file as
 * it was and no temporary file behind. Reads check the whole header (see {@link
 * SafeTensorsReader}) and the checksum, and report any problem as a {@link
 * ModelFormatException} naming the file and the tensor or byte offset.
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("w", new TensorEntry.F32(new int[] {2, 2}, values)), Map.of("format", "pt"));
 * SafeTensorsContent content = SafeTensors.read(path);
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} (in map order) and {@code metadata} to {@code file}, atomically.
     *
     * @throws IllegalArgumentException for an empty tensor name, the name {@code __metadata__}, or
     *     the reserved metadata key {@code attn4j.crc32c}
     * @throws UncheckedIOException if the file cannot be written; the previous file is intact
     */
    public static void write(Path file, Map<String, TensorEntry> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, name -> { });
    }

    static void write(Path file, Map<String, TensorEntry> tensors, Map<String, String> metadata,
            SafeTensorsWriter.Listener listener) {
        tensors.forEach((name, t) -> {
            if (name.isEmpty() || name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("'" + name + "' cannot name a tensor in a safetensors file");
            }
            Objects.requireNonNull(t, name);
        });
        metadata.forEach((k, v) -> {
            Objects.requireNonNull(v, "metadata " + k);
            if (k.equals(SafeTensorsWriter.CRC_KEY)) {
                throw new IllegalArgumentException("metadata key " + k + " is reserved for the writer's checksum");
            }
        });
        try {
            SafeTensorsWriter.write(file, tensors, metadata, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens a file for reading tensors one at a time; see {@link SafeTensorsReader}. */
    public static SafeTensorsReader open(Path file) {
        return SafeTensorsReader.open(file);
    }

    /**
     * Reads a whole file (F32 and I64 tensors) after checking its header and checksum.
     *
     * @throws ModelFormatException naming the file and the problem
     */
    public static SafeTensorsContent read(Path file) {
        try (SafeTensorsReader r = SafeTensorsReader.open(file)) {
            r.verifyChecksum();
            Map<String, TensorEntry> tensors = new LinkedHashMap<>();
            for (String name : r.tensors().keySet()) {
                tensors.put(name, r.read(name));
            }
            return new SafeTensorsContent(Collections.unmodifiableMap(tensors), r.metadata());
        }
    }
}
