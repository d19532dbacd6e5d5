package org.attn4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.Attn4jException;

/**
 * Reads a text file as sacreBLEU's command line does: UTF-8, one segment per line, lines ended
 * by {@code \n}, {@code \r\n} or {@code \r}, no extra segment after a final line break.
 * Invalid UTF-8 is an error naming the file and line rather than a silent replacement.
 */
final class LineFiles {
    private LineFiles() {
    }

    /**
     * The lines of {@code file}, without their line breaks.
     *
     * @param role what the file is, for messages ("hypothesis file")
     * @throws Attn4jException if the file cannot be read or is not valid UTF-8
     */
    static List<String> read(Path file, String role) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Attn4jException("cannot read " + role + " " + file + ": no such file");
        } catch (IOException e) {
            throw new Attn4jException("cannot read " + role + " " + file + ": " + e, e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                lines.add(decode(utf8, bytes, start, i, file, role, lines.size() + 1));
                i += (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < bytes.length) {
            lines.add(decode(utf8, bytes, start, bytes.length, file, role, lines.size() + 1));
        }
        return lines;
    }

    private static String decode(CharsetDecoder utf8, byte[] bytes, int from, int to, Path file,
            String role, int lineNumber) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new Attn4jException(role + " " + file + " line " + lineNumber + ": invalid UTF-8");
        }
    }
}
