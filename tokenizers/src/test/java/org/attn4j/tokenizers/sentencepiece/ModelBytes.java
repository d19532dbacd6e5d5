package org.attn4j.tokenizers.sentencepiece;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small SentencePiece {@code ModelProto}s in protobuf wire format, for tests. */
final class ModelBytes {
    private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    private final ByteArrayOutputStream trainer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream normalizer = new ByteArrayOutputStream();

    ModelBytes piece(String piece, float score, int type) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        string(p, 1, piece);
        tag(p, 2, 5);
        int bits = Float.floatToIntBits(score);
        for (int i = 0; i < 4; i++) {
            p.write(bits >>> (8 * i));
        }
        tag(p, 3, 0);
        varint(p, type);
        bytes(pieces, 1, p.toByteArray());
        return this;
    }

    ModelBytes modelType(int type) {
        tag(trainer, 3, 0);
        varint(trainer, type);
        return this;
    }

    ModelBytes byteFallback() {
        tag(trainer, 35, 0);
        varint(trainer, 1);
        return this;
    }

    /** The identity normaliser; {@code dummyPrefix} and {@code removeExtraWhitespaces} as given. */
    ModelBytes identity(boolean dummyPrefix, boolean removeExtraWhitespaces) {
        string(normalizer, 1, "identity");
        tag(normalizer, 3, 0);
        varint(normalizer, dummyPrefix ? 1 : 0);
        tag(normalizer, 4, 0);
        varint(normalizer, removeExtraWhitespaces ? 1 : 0);
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pieces.toByteArray());
        if (trainer.size() > 0) {
            bytes(out, 2, trainer.toByteArray());
        }
        if (normalizer.size() > 0) {
            bytes(out, 3, normalizer.toByteArray());
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, int field, String s) {
        bytes(out, field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] b) {
        tag(out, field, 2);
        varint(out, b.length);
        out.writeBytes(b);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, (long) field << 3 | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
