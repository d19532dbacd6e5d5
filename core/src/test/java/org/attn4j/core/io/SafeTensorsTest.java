package org.attn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attn4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, TensorEntry> sample() {
        Map<String, TensorEntry> t = new LinkedHashMap<>();
        t.put("encoder.weight", new TensorEntry.F32(new int[] {2, 3}, new float[] {1f, -2.5f, 0f, -0f, 3e-42f, 1e30f}));
        t.put("special", new TensorEntry.F32(new int[] {3},
                new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.intBitsToFloat(0x7fc00123)}));
        t.put("count", new TensorEntry.I64(new int[0], new long[] {Long.MIN_VALUE + 7}));
        t.put("ids", new TensorEntry.I64(new int[] {2, 2}, new long[] {0, 1, -1, Long.MAX_VALUE}));
        t.put("empty", new TensorEntry.F32(new int[] {0, 4}, new float[0]));
        return t;
    }

    private static void assertSameTensors(Map<String, TensorEntry> actual, Map<String, TensorEntry> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, e) -> {
            TensorEntry a = actual.get(name);
            assertThat(a.shape()).as(name).containsExactly(e.shape());
            assertThat(a.dtype()).isEqualTo(e.dtype());
            if (e instanceof TensorEntry.F32 f) {
                int[] bits = new int[f.values().length];
                int[] actualBits = new int[bits.length];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = Float.floatToRawIntBits(f.values()[i]);
                    actualBits[i] = Float.floatToRawIntBits(((TensorEntry.F32) a).values()[i]);
                }
                // isEqualTo compares arrays element-wise in linear time (containsExactly is quadratic).
                assertThat(actualBits).as(name).isEqualTo(bits);
            } else {
                assertThat(((TensorEntry.I64) a).values()).as(name).isEqualTo(((TensorEntry.I64) e).values());
            }
        });
    }

    @Test
    void roundTripKeepsEveryBitNameShapeOrderAndMetadata() {
        Path file = dir.resolve("w.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "ünïcode ✓");
        SafeTensors.write(file, sample(), meta);
        SafeTensorsContent read = SafeTensors.read(file);
        assertSameTensors(read.tensors(), sample());
        assertThat(read.metadata()).containsEntry("format", "pt").containsEntry("note", "ünïcode ✓")
                .containsKey("attn4j.crc32c");
    }

    @Test
    void layoutFollowsTheSpecification() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Map<String, TensorEntry> t = new LinkedHashMap<>();
        t.put("a", new TensorEntry.F32(new int[] {2}, new float[] {1f, -2f}));
        t.put("b", new TensorEntry.I64(new int[] {1, 1}, new long[] {258}));
        SafeTensors.write(file, t, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        assertThat((8 + n) % 8).as("data buffer aligned to 8 bytes").isZero();
        String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"__metadata__\":{\"attn4j.crc32c\":\"").endsWith("}" + " ".repeat(
                json.length() - json.stripTrailing().length()));
        JsonNode header = new ObjectMapper().readTree(json);
        List<String> keys = new ArrayList<>();
        header.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("__metadata__", "a", "b");
        assertThat(header.get("__metadata__").get("format").textValue()).isEqualTo("pt");
        assertThat(header.get("a").toString()).isEqualTo("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}");
        assertThat(header.get("b").toString()).isEqualTo("{\"dtype\":\"I64\",\"shape\":[1,1],\"data_offsets\":[8,16]}");
        int data = (int) (8 + n);
        assertThat(bytes.length).isEqualTo(data + 16);
        // 1.0f = 0x3f800000 and -2.0f = 0xc0000000, little-endian; 258 = 0x0102 as int64.
        assertThat(Arrays.copyOfRange(bytes, data, data + 16)).containsExactly(
                0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0, 2, 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void readsAFileAnotherToolWrote() throws IOException {
        // No metadata, no padding, header order differs from data order: all allowed by the format.
        String json = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}";
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(42).putFloat(0.5f).putFloat(-1f);
        Path file = Corrupt.file(dir, json, data.array());
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            assertThat(r.verifyChecksum()).isFalse();
            assertThat(r.metadata()).isEmpty();
            assertThat(r.tensors().keySet()).containsExactly("b", "a");
            assertThat(r.readFloats("b")).containsExactly(0.5f, -1f);
            assertThat(r.readLongs("a")).containsExactly(42L);
            assertThat(r.info("b").begin()).isEqualTo(8);
        }
    }

    @Test
    void otherDtypesAreValidatedButNotRead() throws IOException {
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[6,10]}}";
        Path file = Corrupt.file(dir, json, new byte[10]);
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            assertThat(r.info("h").dtype()).isEqualTo(SafeTensorsDType.F16);
            assertThat(r.readFloats("f")).containsExactly(0f);
            assertThatThrownBy(() -> r.read("h")).isInstanceOf(ModelFormatException.class)
                    .hasMessage(file + ": tensor 'h' has dtype F16; attn4j reads F32 and I64 tensors only");
            assertThatThrownBy(() -> r.readFloats("h"))
                    .hasMessage(file + ": tensor 'h' has dtype F16, expected F32");
            assertThatThrownBy(() -> r.readFloats("nope")).hasMessage(file + ": no tensor 'nope'");
        }
    }

    @Test
    void largeTensorsStreamThroughTheBufferInChunks() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] big = new float[700_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) rng.nextGaussian();
        }
        long[] longs = new long[300_007];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = rng.nextLong();
        }
        Map<String, TensorEntry> t = new LinkedHashMap<>();
        t.put("big", new TensorEntry.F32(new int[] {big.length}, big));
        t.put("longs", new TensorEntry.I64(new int[] {longs.length}, longs));
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, t, Map.of());
        assertSameTensors(SafeTensors.read(file).tensors(), t);
    }

    @Test
    void overwritingReplacesTheFileAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, sample(), Map.of("v", "1"));
        SafeTensors.write(file, Map.of("x", new TensorEntry.F32(new int[] {1}, new float[] {7f})), Map.of("v", "2"));
        assertThat(SafeTensors.read(file).metadata()).containsEntry("v", "2");
        assertThat(listDir()).containsExactly("w.safetensors");
    }

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, sample(), Map.of());
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SafeTensors.write(file, sample(), Map.of(), name -> {
            if (name.equals("special")) {
                throw new IOException("disk full (simulated)");
            }
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write " + file)
                .hasMessageContaining("disk full (simulated)");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listDir()).containsExactly("w.safetensors");
    }

    @Test
    void aWriteThatCannotReplaceTheTargetLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside"));
        assertThatThrownBy(() -> SafeTensors.write(target, sample(), Map.of()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write " + target);
        assertThat(listDir()).containsExactly("taken");
        assertThat(target.resolve("inside")).isDirectory();
    }

    @Test
    void rejectsNamesTheFormatReserves() {
        Path file = dir.resolve("w.safetensors");
        TensorEntry one = new TensorEntry.F32(new int[] {1}, new float[1]);
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("__metadata__", one), Map.of()))
                .hasMessage("'__metadata__' cannot name a tensor in a safetensors file");
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("", one), Map.of()))
                .hasMessage("'' cannot name a tensor in a safetensors file");
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("x", one), Map.of("attn4j.crc32c", "0")))
                .hasMessage("metadata key attn4j.crc32c is reserved for the writer's checksum");
        assertThatThrownBy(() -> new TensorEntry.F32(new int[] {2, 2}, new float[3]))
                .hasMessage("shape [2, 2] needs 4 values, got 3");
        assertThat(Files.exists(file)).isFalse();
    }

    private List<String> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
