package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attn4j tokenize} prints what the library computes, a line per input line, on a
 * SentencePiece model trained by {@code scripts/sentencepiece_refs.py} (unigram, identity
 * normaliser, byte fallback; the library's parity with the reference is tested in tokenizers).
 */
class TokenizeCommandTest {
    private static final List<String> LINES = List.of("I deliberately did that.", "", "Ce livre est vraiment vieux !",
            "emoji \uD83D\uDE00 and \u65e5\u672c");

    private static Path model() throws Exception {
        return Path.of(TokenizeCommandTest.class.getResource("/sentencepiece/unigram-identity-bytes.model").toURI());
    }

    @Test
    void printsTheIdsAndPiecesOfEachLine(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.txt");
        Files.write(input, LINES, StandardCharsets.UTF_8);
        SentencePieceProcessor sp = SentencePieceProcessor.load(model());

        CliRun ids = CliRun.of("tokenize", "--tokenizer", "sentencepiece", "--model", model().toString(), "--input",
                input.toString());
        assertThat(ids.exitCode()).as(ids.err()).isZero();
        assertThat(ids.outLines()).containsExactlyElementsOf(LINES.stream()
                .map(l -> Arrays.stream(sp.encodeIds(l)).mapToObj(Integer::toString).collect(Collectors.joining(" ")))
                .toList());

        CliRun pieces = CliRun.of("tokenize", "--tokenizer", "sentencepiece", "--model", model().toString(), "--pieces",
                "--input", input.toString());
        assertThat(pieces.exitCode()).as(pieces.err()).isZero();
        assertThat(pieces.outLines()).containsExactlyElementsOf(LINES.stream()
                .map(l -> String.join(" ", sp.encodePieces(l))).toList());
        assertThat(pieces.outLines().get(3)).contains("<0xE6>");
    }

    @Test
    void readsStandardInput() throws Exception {
        SentencePieceProcessor sp = SentencePieceProcessor.load(model());
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("Tom est allergique.\nHe is afraid.\n".getBytes(StandardCharsets.UTF_8)));
            CliRun r = CliRun.of("tokenize", "--tokenizer", "sentencepiece", "--model", model().toString(), "--pieces");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly(String.join(" ", sp.encodePieces("Tom est allergique.")),
                    String.join(" ", sp.encodePieces("He is afraid.")));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aBadLineIsReportedWithItsNumberAndTheOthersStillPrint(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.txt");
        Files.write(input, List.of("first line", "bell\u0007here", "third line"), StandardCharsets.UTF_8);
        CliRun r = CliRun.of("tokenize", "--tokenizer", "sentencepiece", "--model", model().toString(), "--pieces",
                "--input", input.toString());
        assertThat(r.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("line 2: ").contains("U+0007").contains("1 of 3 lines");
        SentencePieceProcessor sp = SentencePieceProcessor.load(model());
        assertThat(r.outLines()).containsExactly(String.join(" ", sp.encodePieces("first line")), "",
                String.join(" ", sp.encodePieces("third line")));

        CliRun replaced = CliRun.of("tokenize", "--tokenizer", "sentencepiece", "--model", model().toString(), "--pieces",
                "--option", "onInvalidChar=replace", "--input", input.toString());
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.outLines().get(1)).isEqualTo(String.join(" ", sp.encodePieces("bell\uFFFDhere")));
    }

    @Test
    void aMissingModelOrVocabularyIsAClearError(@TempDir Path dir) {
        CliRun missing = CliRun.of("tokenize", "--tokenizer", "sentencepiece", "--model", dir.resolve("no.model").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(missing.err()).contains("no.model").contains("does not exist");

        CliRun noVocab = CliRun.of("tokenize", "--tokenizer", "whitespace");
        assertThat(noVocab.exitCode()).isEqualTo(Main.USAGE);
        assertThat(noVocab.err()).contains("ids need a vocabulary");
    }
}
