package org.attn4j.tokenizers.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array, and the UTF-8 helpers SentencePiece's byte-level code needs. */
final class ByteString {
    private byte[] bytes;
    private int size;

    ByteString(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void append(byte b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = b;
    }

    void append(byte[] src, int from, int to) {
        int n = to - from;
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size * 2, size + n));
        }
        System.arraycopy(src, from, bytes, size, n);
        size += n;
    }

    boolean endsWith(byte[] suffix) {
        if (size < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[size - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    /**
     * The UTF-8 bytes of {@code text}.
     *
     * @throws IllegalArgumentException at an unpaired surrogate, which has no UTF-8 form
     */
    static byte[] utf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("text holds an unpaired surrogate U+%04X at offset %d,"
                        + " which has no UTF-8 form", (int) c, i));
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The byte length of the UTF-8 character whose first byte is {@code lead}, as SentencePiece reckons it. */
    static int charLength(byte lead) {
        int high = (lead & 0xFF) >>> 4;
        return high < 12 ? 1 : high < 14 ? 2 : high == 14 ? 3 : 4;
    }

    /**
     * Decodes UTF-8 as SentencePiece's decoder does: each byte that does not start a complete,
     * shortest-form sequence becomes one U+FFFD and decoding resumes at the next byte.
     */
    static String decodeLenient(byte[] b, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b0 = b[i] & 0xFF;
            int n = to - i;
            int cp = -1;
            int len = 1;
            if (b0 < 0x80) {
                cp = b0;
            } else if (n >= 2 && (b0 & 0xE0) == 0xC0 && cont(b, i + 1)) {
                cp = (b0 & 0x1F) << 6 | (b[i + 1] & 0x3F);
                len = 2;
                cp = cp >= 0x80 ? cp : -1;
            } else if (n >= 3 && (b0 & 0xF0) == 0xE0 && cont(b, i + 1) && cont(b, i + 2)) {
                cp = (b0 & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
                len = 3;
                cp = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? cp : -1;
            } else if (n >= 4 && (b0 & 0xF8) == 0xF0 && cont(b, i + 1) && cont(b, i + 2) && cont(b, i + 3)) {
                cp = (b0 & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
                len = 4;
                cp = cp >= 0x10000 && cp <= 0x10FFFF ? cp : -1;
            }
            if (cp < 0) {
                out.append('\uFFFD');
                i++;
            } else {
                out.appendCodePoint(cp);
                i += len;
            }
        }
        return out.toString();
    }

    private static boolean cont(byte[] b, int i) {
        return (b[i] & 0xC0) == 0x80;
    }
}
