package org.attn4j.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attn4j.api.ModelFormatException;

/**
 * The root directory that holds a run's checkpoints: complete checkpoints {@code
 * step-<12 digits>[-<n>]}, the pointer file {@code latest} naming the newest, and, after a
 * crash, temporaries ({@code .tmp-*}, {@code .trash-*}, {@code .latest.*.tmp}) that the next save
 * removes. A checkpoint is built under a temporary name and renamed into place whole; {@code
 * latest} changes only after that, by an atomic file replace.
 */
final class CheckpointDirectory {
    static final String LATEST = "latest";
    private static final Pattern NAME = Pattern.compile("step-(\\d{12,18})(?:-(\\d+))?");
    private static final String TMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";

    private CheckpointDirectory() {
    }

    /** Deletes what an interrupted save left behind. */
    static void removeLeftovers(Path root) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (n.startsWith(TMP_PREFIX) || n.startsWith(TRASH_PREFIX)
                        || (n.startsWith("." + LATEST + ".") && n.endsWith(AtomicFiles.TMP_SUFFIX))) {
                    AtomicFiles.deleteRecursively(p);
                }
            }
        }
    }

    /** {@code step-<step>}, or with a suffix {@code -2}, {@code -3} ... if that name is taken. */
    static String freeName(Path root, long step) {
        String base = String.format("step-%012d", step);
        String name = base;
        for (int n = 2; Files.exists(root.resolve(name)); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /** A new empty directory {@code .tmp-<name>-<random>} in {@code root}, with default permissions. */
    static Path createTemp(Path root, String name) throws IOException {
        while (true) {
            // Random only to avoid clashing with another leftover; never part of any content.
            Path p = root.resolve(TMP_PREFIX + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException clash) {
                // try another name
            }
        }
    }

    /** Renames the finished temporary directory to {@code name} and points {@code latest} at it. */
    static Path publish(Path root, Path tmp, String name) throws IOException {
        Path target = root.resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(root);
        AtomicFiles.write(root.resolve(LATEST), (name + "\n").getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /** The checkpoint {@code latest} names, or empty if there is no {@code latest} file. */
    static Optional<Path> latest(Path root) {
        Path pointer = root.resolve(LATEST);
        String name;
        try {
            name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ModelFormatException(pointer + ": cannot read: " + e, e);
        }
        if (!NAME.matcher(name).matches()) {
            throw new ModelFormatException(pointer + ": '" + name + "' is not a checkpoint name (step-<digits>)");
        }
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(pointer + ": names checkpoint '" + name + "', which does not exist");
        }
        return Optional.of(dir);
    }

    /**
     * Deletes all but the {@code keep} checkpoints with the highest steps; never {@code current}
     * (the one just written). A checkpoint is first renamed to {@code .trash-*}, so a crash
     * mid-delete never leaves a half-deleted directory under a checkpoint's name.
     */
    static void prune(Path root, int keep, String current) throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Path> newestFirst = byStep(root);
        Collections.reverse(newestFirst);
        int kept = 1;
        for (Path p : newestFirst) {
            if (p.getFileName().toString().equals(current)) {
                continue;
            }
            if (kept < keep) {
                kept++;
                continue;
            }
            Path trash = root.resolve(TRASH_PREFIX + p.getFileName());
            Files.move(p, trash, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteRecursively(trash);
        }
    }

    /** The {@code step-*} checkpoint directories under {@code root}, lowest step (then suffix) first. */
    static List<Path> byStep(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return all;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
                    all.add(p);
                }
            }
        }
        all.sort(Comparator.comparing((Path p) -> order(p, 1)).thenComparing(p -> order(p, 2)));
        return all;
    }

    private static long order(Path p, int group) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(p.toString());
        }
        String g = m.group(group);
        return g == null ? 1 : Long.parseLong(g);
    }
}
