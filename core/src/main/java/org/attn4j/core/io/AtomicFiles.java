package org.attn4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes that a crash cannot leave half done: the content goes to a temporary sibling (same
 * directory, hence same file system), is forced to disk, and is renamed over the target; the
 * directory is then forced so the rename itself survives a power cut. On any failure the
 * temporary file is deleted and the target is untouched.
 */
final class AtomicFiles {
    /** Temporary names start with a dot and end with this suffix. */
    static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes the content of a file through a channel positioned at 0. */
    @FunctionalInterface
    interface Body {
        void write(FileChannel channel) throws IOException;
    }

    /** Replaces {@code target} with what {@code body} writes, atomically. */
    static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createTemp(dir, "." + target.getFileName() + ".");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                body.write(ch);
                ch.force(true);
            }
            move(tmp, target);
        } catch (Throwable t) {
            deleteQuietly(tmp, t);
            throw t;
        }
        fsyncDirectory(dir);
    }

    /** Replaces {@code target} with {@code bytes}, atomically. */
    static void write(Path target, byte[] bytes) throws IOException {
        write(target, ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
    }

    /**
     * A new empty file {@code <prefix><random>.tmp} in {@code dir}, with the default permissions
     * of a new file ({@code Files.createTempFile} would make it readable by the owner alone).
     */
    private static Path createTemp(Path dir, String prefix) throws IOException {
        while (true) {
            // The random part only has to avoid clashes between concurrent writers; it never
            // reaches a file's content.
            Path p = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TMP_SUFFIX);
            try {
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return p;
            } catch (FileAlreadyExistsException clash) {
                // try another name
            }
        }
    }

    /** Renames {@code from} to {@code to}, replacing it; atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a directory's entries to disk where the platform allows it (Linux, macOS; not Windows). */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Directories cannot be opened or forced on this platform; the rename is still atomic.
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Deletes a file or a directory tree, if it exists. */
    static void deleteRecursively(Path path) throws IOException {
        FileTrees.delete(path);
    }

    /** Deletes a file or tree while {@code failure} is on its way; a second failure is attached to it. */
    static void deleteQuietly(Path path, Throwable failure) {
        try {
            deleteRecursively(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
