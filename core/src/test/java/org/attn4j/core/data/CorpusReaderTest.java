package org.attn4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attn4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAlignedFilesWithCrLfAndABom() throws IOException {
        Path src = write("a.de", "\uFEFFEin Hund.\r\nZwei Katzen.\n");
        Path tgt = write("a.en", "A dog.\nTwo cats.");
        ParallelCorpus c = CorpusReader.readAligned(src, tgt);
        assertThat(c.sources()).containsExactly("Ein Hund.", "Zwei Katzen.");
        assertThat(c.targets()).containsExactly("A dog.", "Two cats.");
    }

    @Test
    void readsTsvColumns() throws IOException {
        Path f = write("p.tsv", "Go.\tVa !\tCC-BY\nHi.\tSalut !\tCC-BY\n");
        ParallelCorpus c = CorpusReader.readTsv(f, 0, 1);
        assertThat(c.targets()).containsExactly("Va !", "Salut !");
    }

    @Test
    void aLineCountMismatchNamesBothFiles() throws IOException {
        Path src = write("m.de", "a\nb\nc\n");
        Path tgt = write("m.en", "a\nb\n");
        assertThatThrownBy(() -> CorpusReader.readAligned(src, tgt)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("line counts differ: " + src + " has 3 lines, " + tgt + " has 2");
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path empty = write("e.txt", "");
        assertThatThrownBy(() -> CorpusReader.readLines(empty)).hasMessageContaining(empty + ": the file is empty");
        assertThatThrownBy(() -> CorpusReader.readLines(dir.resolve("missing.txt"))).hasMessageContaining("no such file");
    }

    @Test
    void invalidUtf8NamesTheLineAndByte() throws IOException {
        byte[] bad = {'o', 'k', '\n', 'a', 'b', (byte) 0xC3, '(', '\n'};
        Path f = write("bad.txt", bad);
        assertThatThrownBy(() -> CorpusReader.readLines(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(f + ":2: invalid UTF-8 at byte 2 of the line");
    }

    @Test
    void emptySentencesAndShortTsvLinesAreErrors() throws IOException {
        Path src = write("s.de", "a\n \n");
        Path tgt = write("s.en", "a\nb\n");
        assertThatThrownBy(() -> CorpusReader.readAligned(src, tgt)).hasMessageContaining(src + ":2: empty sentence");
        Path tsv = write("t.tsv", "a\tb\nonly one column\n");
        assertThatThrownBy(() -> CorpusReader.readTsv(tsv, 0, 1))
                .hasMessageContaining(tsv + ":2: expected at least 2 tab-separated columns, found 1");
    }
}
