package org.attn4j.tokenizers.sentencepiece;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.attn4j.api.ModelFormatException;

/**
 * Reads protocol-buffer wire format (varints, fixed32, length-delimited fields) from a byte
 * range, just enough for SentencePiece's {@code ModelProto}. Every error names the file and
 * the byte offset where the message went wrong.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int end;
    private final String file;
    private int pos;

    ProtoReader(byte[] bytes, int start, int end, String file) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.file = file;
    }

    boolean hasMore() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    /** The next field's tag: field number {@code << 3 | wire type}. */
    int readTag() {
        int at = pos;
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
            throw error(at, "invalid field tag " + tag);
        }
        return (int) tag;
    }

    long readVarint() {
        int at = pos;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw error(at, "truncated varint");
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw error(at, "varint longer than 10 bytes");
    }

    /** An int32 field: protobuf writes negative values as 10-byte varints; the low 32 bits hold it. */
    int readInt32() {
        return (int) readVarint();
    }

    boolean readBool() {
        return readVarint() != 0;
    }

    float readFloat() {
        int at = pos;
        if (end - pos < 4) {
            throw error(at, "truncated fixed32");
        }
        int bits = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16
                | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    /** A length-delimited field's extent, as a reader over it; this reader moves past it. */
    ProtoReader readMessage() {
        int[] range = readLengthDelimited();
        return new ProtoReader(bytes, range[0], range[1], file);
    }

    byte[] readBytes() {
        int[] range = readLengthDelimited();
        byte[] out = new byte[range[1] - range[0]];
        System.arraycopy(bytes, range[0], out, 0, out.length);
        return out;
    }

    String readString() {
        int[] range = readLengthDelimited();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, range[0], range[1] - range[0])).toString();
        } catch (CharacterCodingException e) {
            throw error(range[0], "string field is not valid UTF-8");
        }
    }

    /** Skips a field of {@code wireType} that this reader does not need. */
    void skip(int wireType) {
        int at = pos;
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(at, 8);
            case LENGTH_DELIMITED -> readLengthDelimited();
            case FIXED32 -> advance(at, 4);
            default -> throw error(at, "unsupported wire type " + wireType);
        }
    }

    /** Fails unless {@code tag} has {@code wireType}. */
    void expect(int tag, int wireType) {
        if ((tag & 7) != wireType) {
            throw error(pos, "field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }

    ModelFormatException error(int offset, String what) {
        return new ModelFormatException(file + ": not a valid SentencePiece model: " + what + " at byte offset " + offset);
    }

    private int[] readLengthDelimited() {
        int at = pos;
        long length = readVarint();
        if (length < 0 || length > end - pos) {
            throw error(at, "length-delimited field of " + length + " bytes runs past the end (" + (end - pos)
                    + " bytes left)");
        }
        int start = pos;
        pos += (int) length;
        return new int[] {start, pos};
    }

    private void advance(int at, int n) {
        if (end - pos < n) {
            throw error(at, "truncated field");
        }
        pos += n;
    }
}
