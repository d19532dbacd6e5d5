package org.attn4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Builds safetensors files byte by byte, well-formed or not, for the reader's tests. */
final class Corrupt {
    private Corrupt() {
    }

    /** A file of an 8-byte header length, the JSON as given, then {@code data}. */
    static Path file(Path dir, String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return bytes(dir, header.length, header, data);
    }

    /** A file whose header length field says {@code claimed} whatever the header's real size. */
    static Path bytes(Path dir, long claimed, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(claimed).put(header).put(data);
        Path file = Files.createTempFile(dir, "case", ".safetensors");
        Files.write(file, b.array());
        return file;
    }

    /** The first {@code length} bytes of {@code source} in a new file. */
    static Path truncated(Path dir, Path source, int length) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Path file = dir.resolve("cut-" + length + ".safetensors");
        Files.write(file, Arrays.copyOf(all, length));
        return file;
    }
}
