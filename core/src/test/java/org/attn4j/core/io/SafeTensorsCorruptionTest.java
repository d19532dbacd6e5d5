package org.attn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.attn4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a safetensors file can be damaged gives a ModelFormatException that says where. */
class SafeTensorsCorruptionTest {
    @TempDir
    Path dir;

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBroken(Path file) {
        return assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file + ": ");
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    private Path goodFile() {
        Map<String, TensorEntry> t = new LinkedHashMap<>();
        t.put("a", new TensorEntry.F32(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
        t.put("b", new TensorEntry.F32(new int[] {3}, new float[] {5, 6, 7}));
        Path file = dir.resolve("good.safetensors");
        SafeTensors.write(file, t, Map.of());
        return file;
    }

    @Test
    void truncatedFilesAreReportedWhereverTheyAreCut() throws IOException {
        Path good = goodFile();
        long n = ByteBuffer.wrap(Files.readAllBytes(good)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int dataStart = (int) (8 + n);
        int size = (int) Files.size(good);
        assertThat(size).isEqualTo(dataStart + 28);

        for (int cut : new int[] {0, 5}) {
            assertBroken(Corrupt.truncated(dir, good, cut))
                    .hasMessageEndingWith(cut + " bytes, too short for a safetensors file (its header length alone "
                            + "takes 8): the file is truncated or empty");
        }
        for (int cut : new int[] {8, 30, dataStart - 1}) {
            assertBroken(Corrupt.truncated(dir, good, cut)).hasMessageEndingWith("the header length field says " + n
                    + " bytes but only " + (cut - 8) + " follow: the file is truncated or not safetensors");
        }
        // Cut in the data: the first tensor that runs past the end is named.
        assertBroken(Corrupt.truncated(dir, good, dataStart)).hasMessageEndingWith(
                "tensor 'a' has data_offsets [0, 16] past the end of the 0-byte data buffer: the file is truncated or corrupt");
        assertBroken(Corrupt.truncated(dir, good, dataStart + 20)).hasMessageEndingWith(
                "tensor 'b' has data_offsets [16, 28] past the end of the 20-byte data buffer: the file is truncated or corrupt");
        assertBroken(Corrupt.truncated(dir, good, size - 1)).hasMessageContaining("tensor 'b' has data_offsets [16, 28] "
                + "past the end of the 27-byte data buffer");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefusedBeforeAllocating() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.US_ASCII);
        assertBroken(Corrupt.bytes(dir, 1L << 40, header, new byte[0]))
                .hasMessageEndingWith("the header length field says 1099511627776 bytes but only 2 follow: "
                        + "the file is truncated or not safetensors");
        assertBroken(Corrupt.bytes(dir, -1L, header, new byte[0]))
                .hasMessageContaining("the header length field says 18446744073709551615 bytes");
    }

    @Test
    void aHugeHeaderLengthInsideAHugeFileIsRefused() throws IOException {
        // A sparse 200 MiB file whose header length claims 150 MiB: over the limit, so refused
        // without reading or allocating 150 MiB.
        Path file = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(200L << 20);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(150L << 20).array());
        }
        assertBroken(file).hasMessageEndingWith("a header of 157286400 bytes exceeds the limit of 104857600 bytes: "
                + "not a safetensors file");
    }

    @Test
    void garbageJsonNamesTheByte() throws IOException {
        assertBroken(Corrupt.file(dir, "{\"a\": {\"dtype\": \"F32\", ", new byte[0]))
                .hasMessageContaining("the safetensors header is not valid JSON at header byte");
        assertBroken(Corrupt.file(dir, "{} trailing", new byte[0]))
                .hasMessageContaining("the safetensors header is not valid JSON");
        assertBroken(Corrupt.bytes(dir, 4, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01}, new byte[0]))
                .hasMessageContaining("the safetensors header is not valid JSON");
        assertBroken(Corrupt.file(dir, "[1, 2]", new byte[0]))
                .hasMessageEndingWith("the safetensors header must be a JSON object, found ARRAY");
        assertBroken(Corrupt.file(dir, "{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("a", "F32", "[1]", 4, 8) + "}",
                new byte[8])).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void unknownDtype() throws IOException {
        assertBroken(Corrupt.file(dir, "{" + tensor("w", "F33", "[1]", 0, 4) + "}", new byte[4]))
                .hasMessageEndingWith("tensor 'w' has unknown dtype 'F33'");
    }

    @Test
    void shapeThatDisagreesWithTheOffsets() throws IOException {
        assertBroken(Corrupt.file(dir, "{" + tensor("w", "F32", "[3,3]", 0, 16) + "}", new byte[16]))
                .hasMessageEndingWith("tensor 'w' has dtype F32 and shape [3, 3] (36 bytes) but data_offsets [0, 16] span 16 bytes");
        assertBroken(Corrupt.file(dir, "{" + tensor("w", "I64", "[4294967296,4294967296,4294967296]", 0, 8) + "}",
                new byte[8])).hasMessageEndingWith("tensor 'w' has shape [4294967296, 4294967296, 4294967296], too large to exist");
        assertBroken(Corrupt.file(dir, "{" + tensor("w", "F32", "[-1]", 0, 4) + "}", new byte[4]))
                .hasMessageEndingWith("tensor 'w' has shape [-1]: entries must be integers >= 0");
        assertBroken(Corrupt.file(dir, "{" + tensor("w", "F32", "[1.5]", 0, 4) + "}", new byte[4]))
                .hasMessageEndingWith("tensor 'w' has shape [1.5]: entries must be integers >= 0");
        assertBroken(Corrupt.file(dir, "{" + tensor("w", "F32", "[1]", 4, 0) + "}", new byte[4]))
                .hasMessageEndingWith("tensor 'w' has data_offsets [4, 0] that end before they begin");
    }

    @Test
    void malformedEntries() throws IOException {
        assertBroken(Corrupt.file(dir, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[0]))
                .hasMessageEndingWith("tensor 'w' has no data_offsets array");
        assertBroken(Corrupt.file(dir, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}",
                new byte[4])).hasMessageEndingWith("tensor 'w' has unknown field 'x' (expected dtype, shape, data_offsets)");
        assertBroken(Corrupt.file(dir, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", new byte[4]))
                .hasMessageEndingWith("tensor 'w' has data_offsets of 3 numbers, expected 2");
        assertBroken(Corrupt.file(dir, "{\"w\":7}", new byte[0]))
                .hasMessageEndingWith("tensor 'w' must be described by an object, found NUMBER");
        assertBroken(Corrupt.file(dir, "{\"__metadata__\":{\"k\":1}}", new byte[0]))
                .hasMessageEndingWith("__metadata__ entry 'k' must be a string, found NUMBER");
    }

    @Test
    void overlappingOffsets() throws IOException {
        String json = "{" + tensor("a", "F32", "[4]", 0, 16) + "," + tensor("b", "F32", "[4]", 8, 24) + "}";
        assertBroken(Corrupt.file(dir, json, new byte[24]))
                .hasMessageEndingWith("tensor 'b' data_offsets [8, 24] overlap tensor 'a' [0, 16]");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        String gap = "{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 8, 12) + "}";
        assertBroken(Corrupt.file(dir, gap, new byte[12]))
                .hasMessageEndingWith("4 unused bytes in the data buffer before tensor 'b' (data_offsets [8, 12])");
        String trailing = "{" + tensor("a", "F32", "[1]", 0, 4) + "}";
        assertBroken(Corrupt.file(dir, trailing, new byte[10]))
                .hasMessageEndingWith("the data buffer has 6 bytes after the last tensor: the header does not describe the file");
    }

    @Test
    void aFlippedDataByteFailsTheChecksum() throws IOException {
        Path good = goodFile();
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length - 5] ^= 0x10;
        Path bad = dir.resolve("flipped.safetensors");
        Files.write(bad, bytes);
        assertBroken(bad).hasMessageContaining("the tensor data does not match its checksum")
                .hasMessageEndingWith("the file is corrupt");
    }

    @Test
    void missingFile() {
        Path none = dir.resolve("none.safetensors");
        assertBroken(none).hasMessage(none + ": no such file");
    }
}
