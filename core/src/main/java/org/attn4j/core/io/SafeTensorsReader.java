package org.attn4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.attn4j.api.ModelFormatException;

/**
 * An open safetensors file whose header has been read and checked, from which tensors are read
 * one at a time into arrays the caller may own (a model's parameters), so loading never holds
 * two copies of the weights.
 *
 * <p>{@link #open} checks everything the header implies before returning: the 8-byte header
 * length against the file size (a length claiming gigabytes is refused before anything is
 * allocated), the JSON, every dtype, shape against the byte span, every range against the data
 * buffer, and that the ranges tile the buffer without gap or overlap. Hence a truncated file is
 * reported at open, naming the tensor that runs past the end. {@link #verifyChecksum()} checks
 * the data bytes against the CRC-32C that attn4j's writer records in the metadata.
 *
 * <p>Every problem is a {@link ModelFormatException} whose message starts with the file's path.
 * Not thread-safe (one read buffer); close it after use.
 *
 * <pre>{@code
 * try (SafeTensorsReader r = SafeTensorsReader.open(path)) {
 *     r.verifyChecksum();
 *     float[] w = r.readFloats("decoder.out.weight");
 * }
 * }</pre>
 */
public final class SafeTensorsReader implements AutoCloseable {
    /** The largest header accepted (the reference implementation's limit too). */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final Pattern CRC_HEX = Pattern.compile("[0-9a-f]{8}");

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final long fileSize;
    private final SafeTensorsHeader header;
    private ByteBuffer chunk;

    private SafeTensorsReader(Path file, FileChannel channel, long dataStart, long fileSize, SafeTensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
        this.header = header;
    }

    /** Opens {@code file} and checks its header. */
    public static SafeTensorsReader open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot open: " + e, e);
        }
        try {
            long size = ch.size();
            if (size < Long.BYTES) {
                throw new ModelFormatException(file + ": " + size + " bytes, too short for a safetensors file "
                        + "(its header length alone takes 8): the file is truncated or empty");
            }
            long n = readFully(file, ch, 0, Long.BYTES).getLong();
            if (n < 0 || n > size - Long.BYTES) {
                throw new ModelFormatException(file + ": the header length field says " + Long.toUnsignedString(n)
                        + " bytes but only " + (size - Long.BYTES) + " follow: the file is truncated or not safetensors");
            }
            if (n > MAX_HEADER_BYTES) {
                throw new ModelFormatException(file + ": a header of " + n + " bytes exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes: not a safetensors file");
            }
            ByteBuffer json = readFully(file, ch, Long.BYTES, (int) n);
            long dataStart = Long.BYTES + n;
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, json.array(), size - dataStart);
            return new SafeTensorsReader(file, ch, dataStart, size, header);
        } catch (IOException e) {
            closeAfter(ch, e);
            throw new ModelFormatException(file + ": cannot read: " + e, e);
        } catch (RuntimeException | Error e) {
            closeAfter(ch, e);
            throw e;
        }
    }

    private static void closeAfter(FileChannel ch, Throwable failure) {
        try {
            ch.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The file this reader reads. */
    public Path file() {
        return file;
    }

    /** Every tensor, in header order. */
    public Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /** The {@code __metadata__} strings, empty if the file has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** The tensor named {@code name}. */
    public TensorInfo info(String name) {
        TensorInfo t = header.tensors().get(name);
        if (t == null) {
            throw new ModelFormatException(file + ": no tensor '" + name + "'");
        }
        return t;
    }

    /** Reads a tensor, F32 or I64, into a new entry. */
    public TensorEntry read(String name) {
        TensorInfo t = info(name);
        int[] shape = intShape(t);
        return switch (t.dtype()) {
            case F32 -> new TensorEntry.F32(shape, readFloats(name));
            case I64 -> new TensorEntry.I64(shape, readLongs(name));
            default -> throw unsupported(t);
        };
    }

    /** Reads an F32 tensor into a new array. */
    public float[] readFloats(String name) {
        float[] out = new float[elementCount(info(name))];
        readFloats(name, out);
        return out;
    }

    /** Reads an F32 tensor into {@code dest}, whose length must be the tensor's element count. */
    public void readFloats(String name, float[] dest) {
        TensorInfo t = info(name);
        check(t, SafeTensorsDType.F32, dest.length);
        int per = CHUNK_BYTES / Float.BYTES;
        for (int off = 0; off < dest.length; off += per) {
            int len = Math.min(per, dest.length - off);
            readChunk(t, (long) off * Float.BYTES, len * Float.BYTES).asFloatBuffer().get(dest, off, len);
        }
    }

    /**
     * Reads an F32, F16 or BF16 tensor into {@code dest} as float32, whose length must be the
     * tensor's element count. Half-precision values widen exactly (every F16 and BF16 value is a
     * float32 value); the file is read in chunks, so no second copy of the tensor is made.
     */
    public void readAsFloats(String name, float[] dest) {
        TensorInfo t = info(name);
        if (t.dtype() == SafeTensorsDType.F32) {
            readFloats(name, dest);
            return;
        }
        if (t.dtype() != SafeTensorsDType.F16 && t.dtype() != SafeTensorsDType.BF16) {
            throw new ModelFormatException(file + ": tensor '" + t.name() + "' has dtype " + t.dtype()
                    + ", which is not a float type attn4j reads (F32, F16, BF16)");
        }
        check(t, t.dtype(), dest.length);
        boolean bf16 = t.dtype() == SafeTensorsDType.BF16;
        int per = CHUNK_BYTES / 2;
        short[] halves = new short[Math.min(per, dest.length)];
        for (int off = 0; off < dest.length; off += per) {
            int len = Math.min(per, dest.length - off);
            readChunk(t, (long) off * 2, len * 2).asShortBuffer().get(halves, 0, len);
            for (int i = 0; i < len; i++) {
                dest[off + i] = bf16 ? Float.intBitsToFloat((halves[i] & 0xffff) << 16) : HalfFloat.toFloat(halves[i]);
            }
        }
    }

    /** Reads an I64 tensor into a new array. */
    public long[] readLongs(String name) {
        TensorInfo t = info(name);
        long[] out = new long[elementCount(t)];
        check(t, SafeTensorsDType.I64, out.length);
        int per = CHUNK_BYTES / Long.BYTES;
        for (int off = 0; off < out.length; off += per) {
            int len = Math.min(per, out.length - off);
            readChunk(t, (long) off * Long.BYTES, len * Long.BYTES).asLongBuffer().get(out, off, len);
        }
        return out;
    }

    /**
     * Checks the data buffer against the CRC-32C recorded under {@code attn4j.crc32c} in the
     * metadata, reading the whole buffer once.
     *
     * @return false if the file records no checksum (written by another tool), true if it matched
     * @throws ModelFormatException if it does not match: the data is corrupt
     */
    public boolean verifyChecksum() {
        String stored = metadata().get(SafeTensorsWriter.CRC_KEY);
        if (stored == null) {
            return false;
        }
        if (!CRC_HEX.matcher(stored).matches()) {
            throw new ModelFormatException(file + ": metadata " + SafeTensorsWriter.CRC_KEY + " is '" + stored
                    + "', not 8 hex digits");
        }
        CRC32C crc = new CRC32C();
        for (long pos = dataStart; pos < fileSize; pos += CHUNK_BYTES) {
            crc.update(readAt(pos, (int) Math.min(CHUNK_BYTES, fileSize - pos)));
        }
        String actual = String.format("%08x", crc.getValue());
        if (!actual.equals(stored)) {
            throw new ModelFormatException(file + ": the tensor data does not match its checksum (crc32c " + actual
                    + ", the header records " + stored + "): the file is corrupt");
        }
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot close: " + e, e);
        }
    }

    private void check(TensorInfo t, SafeTensorsDType dtype, int length) {
        if (t.dtype() != dtype) {
            throw new ModelFormatException(file + ": tensor '" + t.name() + "' has dtype " + t.dtype() + ", expected "
                    + dtype);
        }
        if (t.elementCount() != length) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' of shape " + t.shapeString() + " has "
                    + t.elementCount() + " elements, the destination holds " + length);
        }
    }

    private ModelFormatException unsupported(TensorInfo t) {
        return new ModelFormatException(file + ": tensor '" + t.name() + "' has dtype " + t.dtype()
                + "; attn4j reads F32 and I64 tensors only");
    }

    private int elementCount(TensorInfo t) {
        if (t.elementCount() > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(file + ": tensor '" + t.name() + "' of shape " + t.shapeString()
                    + " has too many elements for one Java array");
        }
        return (int) t.elementCount();
    }

    private int[] intShape(TensorInfo t) {
        elementCount(t);
        int[] s = new int[t.shape().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) t.shape()[i];
        }
        return s;
    }

    /** {@code length} bytes of tensor {@code t} from byte {@code offset} of the tensor, little-endian. */
    private ByteBuffer readChunk(TensorInfo t, long offset, int length) {
        return readAt(dataStart + t.begin() + offset, length);
    }

    private ByteBuffer readAt(long position, int length) {
        if (chunk == null) {
            chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        chunk.clear().limit(length);
        try {
            fill(file, channel, position, chunk);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read at byte " + position + ": " + e, e);
        }
        return chunk.flip();
    }

    private static ByteBuffer readFully(Path file, FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(file, ch, position, buf);
        return buf.flip();
    }

    private static void fill(Path file, FileChannel ch, long position, ByteBuffer buf) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new ModelFormatException(file + ": the file ends at byte " + pos + ", before the "
                        + (position + buf.limit()) + " bytes its header describes: it was truncated while open");
            }
            pos += n;
        }
    }
}
