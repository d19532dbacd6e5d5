package org.attn4j.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ModelFormatException;

/**
 * Reads parallel corpora: two line-aligned text files, or one tab-separated file.
 *
 * <p>Files must be UTF-8 (a leading byte-order mark is dropped, {@code \r\n} line ends are
 * accepted). Every problem is a {@link ModelFormatException} naming the file and the 1-based line:
 * a missing or empty file, invalid UTF-8 (with the byte offset in the line), files of different
 * line counts, an empty sentence on either side, a TSV line with too few columns. Nothing is
 * skipped silently.
 */
public final class CorpusReader {
    private CorpusReader() {
    }

    /** Pairs from two files aligned by line number. */
    public static ParallelCorpus readAligned(Path sourceFile, Path targetFile) {
        List<String> src = readLines(sourceFile);
        List<String> tgt = readLines(targetFile);
        if (src.size() != tgt.size()) {
            throw new ModelFormatException("line counts differ: " + sourceFile + " has " + src.size() + " lines, "
                    + targetFile + " has " + tgt.size());
        }
        for (int i = 0; i < src.size(); i++) {
            requireText(sourceFile, i, src.get(i));
            requireText(targetFile, i, tgt.get(i));
        }
        return new ParallelCorpus(src, tgt, sourceFile + " + " + targetFile);
    }

    /** Pairs from a TSV file: columns {@code sourceColumn} and {@code targetColumn} (0-based); others ignored. */
    public static ParallelCorpus readTsv(Path file, int sourceColumn, int targetColumn) {
        List<String> lines = readLines(file);
        List<String> src = new ArrayList<>(lines.size());
        List<String> tgt = new ArrayList<>(lines.size());
        int need = Math.max(sourceColumn, targetColumn) + 1;
        for (int i = 0; i < lines.size(); i++) {
            String[] cols = lines.get(i).split("\t", -1);
            if (cols.length < need) {
                throw new ModelFormatException(file + ":" + (i + 1) + ": expected at least " + need
                        + " tab-separated columns, found " + cols.length);
            }
            src.add(requireText(file, i, cols[sourceColumn]));
            tgt.add(requireText(file, i, cols[targetColumn]));
        }
        return new ParallelCorpus(src, tgt, file.toString());
    }

    private static String requireText(Path file, int line, String text) {
        if (text.isBlank()) {
            throw new ModelFormatException(file + ":" + (line + 1) + ": empty sentence");
        }
        return text;
    }

    /** The lines of a UTF-8 file, each checked for valid encoding; the file must hold at least one. */
    public static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        List<String> lines = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && i == lineStart) {
                    break; // no text after the last newline
                }
                int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(decode(utf8, file, lines.size() + 1, bytes, lineStart, end));
                lineStart = i + 1;
            }
        }
        if (lines.isEmpty()) {
            throw new ModelFormatException(file + ": the file is empty");
        }
        return lines;
    }

    private static String decode(CharsetDecoder utf8, Path file, int line, byte[] bytes, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from); // UTF-8 never has fewer bytes than UTF-16 chars
        CoderResult result = utf8.reset().decode(in, out, true);
        if (result.isError()) {
            throw new ModelFormatException(file + ":" + line + ": invalid UTF-8 at byte " + (in.position() - from)
                    + " of the line");
        }
        utf8.flush(out);
        return out.flip().toString();
    }
}
