package org.attn4j.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Streams tensors into a safetensors file: header first, then each tensor's little-endian bytes
 * through one reusable buffer, so the values are never copied whole. The CRC-32C of the data
 * buffer goes into the metadata: the header is written with a placeholder that is overwritten
 * once the data is out.
 */
final class SafeTensorsWriter {
    /** Metadata key holding the CRC-32C of the data buffer, 8 lower-case hex digits. */
    static final String CRC_KEY = "attn4j.crc32c";
    private static final String CRC_PLACEHOLDER = "00000000";
    private static final int CHUNK_BYTES = 1 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    /** Called after each tensor's bytes are written; tests use it to fail a write half-way. */
    @FunctionalInterface
    interface Listener {
        void tensorWritten(String name) throws IOException;
    }

    private SafeTensorsWriter() {
    }

    static void write(Path file, Map<String, TensorEntry> tensors, Map<String, String> metadata, Listener listener)
            throws IOException {
        byte[] header = header(tensors, metadata);
        int crcAt = indexOf(header, ("\"" + CRC_KEY + "\":\"").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, ch -> {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length).flip();
            AtomicFiles.writeFully(ch, buf);
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(header));
            CRC32C crc = new CRC32C();
            for (Map.Entry<String, TensorEntry> e : tensors.entrySet()) {
                writeData(ch, e.getValue(), buf, crc);
                listener.tensorWritten(e.getKey());
            }
            String hex = String.format("%08x", crc.getValue());
            ch.write(ByteBuffer.wrap(hex.getBytes(StandardCharsets.US_ASCII)), Long.BYTES + crcAt);
        });
    }

    /**
     * The JSON header: {@code __metadata__} first (with the checksum placeholder first in it),
     * then the tensors in map order with consecutive offsets, padded with spaces so the data
     * buffer starts at a multiple of 8 bytes, as the reference implementation does.
     */
    static byte[] header(Map<String, TensorEntry> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart(SafeTensorsHeader.METADATA_KEY);
            g.writeStringField(CRC_KEY, CRC_PLACEHOLDER);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            long offset = 0;
            for (Map.Entry<String, TensorEntry> e : tensors.entrySet()) {
                TensorEntry t = e.getValue();
                long bytes = (long) t.elementCount() * t.dtype().byteSize();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", t.dtype().name());
                g.writeArrayFieldStart("shape");
                for (int d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(offset + bytes);
                g.writeEndArray();
                g.writeEndObject();
                offset += bytes;
            }
            g.writeEndObject();
        }
        int pad = (8 - (Long.BYTES + out.size()) % 8) % 8;
        byte[] padded = Arrays.copyOf(out.toByteArray(), out.size() + pad);
        Arrays.fill(padded, out.size(), padded.length, (byte) ' ');
        return padded;
    }

    private static void writeData(FileChannel ch, TensorEntry entry, ByteBuffer buf, CRC32C crc) throws IOException {
        int size = entry.dtype().byteSize();
        int perChunk = CHUNK_BYTES / size;
        int n = entry.elementCount();
        for (int off = 0; off < n; off += perChunk) {
            int len = Math.min(perChunk, n - off);
            buf.clear();
            if (entry instanceof TensorEntry.F32 f) {
                buf.asFloatBuffer().put(f.values(), off, len);
            } else if (entry instanceof TensorEntry.I64 l) {
                buf.asLongBuffer().put(l.values(), off, len);
            }
            buf.limit(len * size);
            crc.update(buf.array(), 0, buf.limit());
            AtomicFiles.writeFully(ch, buf);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length;
        }
        throw new IllegalStateException("checksum placeholder missing from the header");
    }
}
