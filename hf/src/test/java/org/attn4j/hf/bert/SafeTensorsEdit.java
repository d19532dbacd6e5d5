package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Test helper: copies a safetensors file with its JSON header edited (tensors renamed, dtypes
 * changed) and optionally bytes appended to its data, for checkpoints that are wrong on purpose.
 */
final class SafeTensorsEdit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensorsEdit() {
    }

    /**
     * Writes {@code target}: the header of {@code source} after {@code edit} (which may rename
     * entries or add ones whose offsets point into {@code extraData}, appended after the data of
     * {@code source}, at offset {@link #dataLength}).
     */
    static void copy(Path source, Path target, Consumer<ObjectNode> edit, byte[] extraData) throws IOException {
        byte[] all = Files.readAllBytes(source);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(all, 8, (int) n, StandardCharsets.UTF_8).strip());
        byte[] data = Arrays.copyOfRange(all, 8 + (int) n, all.length);
        edit.accept(header);
        StringBuilder h = new StringBuilder(JSON.writeValueAsString(header));
        while (h.length() % 8 != 0) {
            h.append(' ');
        }
        byte[] hb = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + hb.length + data.length + extraData.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(hb.length).put(hb).put(data).put(extraData);
        Files.write(target, out.array());
    }

    /**
     * Writes {@code target}: every F32 tensor of {@code source} rounded to BF16 (to nearest, ties
     * to even), with new offsets; the header's other fields unchanged.
     */
    static void toBf16(Path source, Path target) throws IOException {
        byte[] all = Files.readAllBytes(source);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(all, 8, (int) n, StandardCharsets.UTF_8).strip());
        ByteBuffer data = ByteBuffer.wrap(all, 8 + (int) n, all.length - 8 - (int) n).slice().order(ByteOrder.LITTLE_ENDIAN);
        java.util.List<String> names = new java.util.ArrayList<>();
        header.fieldNames().forEachRemaining(k -> {
            if (!k.equals("__metadata__")) {
                names.add(k);
            }
        });
        names.sort(java.util.Comparator.comparingLong(k -> header.get(k).get("data_offsets").get(0).asLong()));
        ByteBuffer out = ByteBuffer.allocate(data.capacity() / 2).order(ByteOrder.LITTLE_ENDIAN);
        for (String k : names) {
            ObjectNode t = (ObjectNode) header.get(k);
            long start = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            int at = out.position();
            for (long i = start; i < end; i += 4) {
                int bits = Float.floatToRawIntBits(data.getFloat((int) i));
                int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
                out.putShort((short) (rounded >>> 16));
            }
            t.put("dtype", "BF16");
            t.putArray("data_offsets").add(at).add(out.position());
        }
        StringBuilder h = new StringBuilder(JSON.writeValueAsString(header));
        while (h.length() % 8 != 0) {
            h.append(' ');
        }
        byte[] hb = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + hb.length + out.position()).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(hb.length).put(hb).put(out.array(), 0, out.position());
        Files.write(target, file.array());
    }

    /** The size of the data section of {@code file}. */
    static long dataLength(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return all.length - 8 - n;
    }
}
