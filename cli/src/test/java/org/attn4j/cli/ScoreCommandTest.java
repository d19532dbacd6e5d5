package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path dir;
    private String hyp;
    private String ref1;
    private String ref2;

    @BeforeEach
    void writeCorpus() throws IOException {
        hyp = write("hyp.txt", "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
        ref1 = write("ref1.txt", "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
        ref2 = write("ref2.txt", "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n");
    }

    @Test
    void bleuWithDefaultsPrintsSummaryThenScore() {
        CliRun run = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--ref", ref2);
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactly(
                "BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 48.53 82.4/50.0/45.5/37.5 "
                        + "(BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
                "48.530827");
    }

    @Test
    void chrFAndChrFPlusPlus() {
        CliRun chrf = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--ref", ref2, "--metric", "chrf");
        assertThat(chrf.exitCode()).isZero();
        assertThat(chrf.outLines()).containsExactly(
                "chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 59.73", "59.727518");
        CliRun plus = CliRun.of("score", "-i", hyp, "-r", ref1, "-r", ref2, "-m", "chrf", "--word-order", "2");
        assertThat(plus.lastOutLine()).isEqualTo("59.153104");
    }

    @Test
    void optionsReachTheMetric() {
        CliRun run = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--tokenize", "intl", "--smooth", "floor",
                "--smooth-value", "0.2", "--lowercase");
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines().get(0))
                .startsWith("BLEU|nrefs:1|case:lc|eff:no|tok:intl|smooth:floor[0.20]|version:2.6.0 = ");
        CliRun scoreOnly = CliRun.of("score", "--hyp", hyp, "--ref", hyp, "--score-only");
        assertThat(scoreOnly.outLines()).containsExactly("100.000000");
    }

    @Test
    void lineCountMismatchFailsNamingBothFiles() throws IOException {
        String shortRef = write("short.txt", "The dog bit the man.\n");
        CliRun run = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--ref", shortRef);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("attn4j score: line counts differ: hypothesis file " + hyp
                + " has 3 lines but reference file " + shortRef + " has 1" + System.lineSeparator());
    }

    @Test
    void unreadableInputFailsWithOneLine() throws IOException {
        CliRun missing = CliRun.of("score", "--hyp", dir.resolve("nope.txt").toString(), "--ref", ref1);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines()).containsExactly(
                "attn4j score: cannot read hypothesis file " + dir.resolve("nope.txt") + ": no such file");

        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n', 'x', '\n'});
        CliRun invalid = CliRun.of("score", "--hyp", hyp, "--ref", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err().lines()).containsExactly(
                "attn4j score: reference file " + bad + " line 2: invalid UTF-8");

        String empty = write("empty.txt", "");
        CliRun none = CliRun.of("score", "--hyp", empty, "--ref", empty);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("hypothesis file " + empty + " is empty");
    }

    @Test
    void emptyLinesAndUnicodeAreScored() throws IOException {
        // Windows line ends, an empty hypothesis and German text: 4 tokens of 4 match at every
        // order on line 1; line 2 is empty against 2 reference tokens, so BP = exp(1 - 6/4).
        String h = write("h.txt", "Zwei Männer im Grünen\r\n\r\n");
        String r = write("r.txt", "Zwei Männer im Grünen\r\nzwei Hunde\r\n");
        CliRun run = CliRun.of("score", "--hyp", h, "--ref", r, "--tokenize", "none", "-b");
        assertThat(run.exitCode()).isZero();
        assertThat(run.lastOutLine()).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", 100 * Math.exp(-0.5)));
    }

    @Test
    void linesLoseTrailingWhitespaceAsInSacreBleu() throws IOException {
        // With --whitespace chrF counts spaces, so unstripped lines would not score 100.
        String h = write("hws.txt", "ab cd \u00A0\t\n");
        String r = write("rws.txt", "ab cd\n");
        CliRun run = CliRun.of("score", "--hyp", h, "--ref", r, "-m", "chrf", "--whitespace", "-b");
        assertThat(run.lastOutLine()).isEqualTo("100.000000");
    }

    @Test
    void badUsageExitsTwoWithMessageAndUsage() {
        CliRun missing = CliRun.of("score", "--ref", ref1);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("attn4j score: Missing required option: '--hyp=FILE'")
                .contains("Usage: attn4j score");

        CliRun tokenizer = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--tokenize", "moses");
        assertThat(tokenizer.exitCode()).isEqualTo(2);
        assertThat(tokenizer.err()).contains("unknown BLEU tokenizer 'moses'; valid: 13a, none, intl, char");

        CliRun metric = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--metric", "ter");
        assertThat(metric.exitCode()).isEqualTo(2);
        assertThat(metric.err()).contains("unknown metric 'ter'; valid: bleu, chrf");

        CliRun value = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--smooth-value", "0.5");
        assertThat(value.exitCode()).isEqualTo(2);
        assertThat(value.err()).contains("--smooth-value applies only to --smooth floor or add-k, not exp");

        CliRun foreign = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "--metric", "chrf", "--tokenize", "intl");
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("--tokenize does not apply to --metric chrf");

        CliRun orders = CliRun.of("score", "--hyp", hyp, "--ref", ref1, "-m", "chrf", "-cc", "0", "-cw", "0");
        assertThat(orders.exitCode()).isEqualTo(2);
        assertThat(orders.err()).contains("both 0");
        assertThat(orders.out()).isEmpty();
    }

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p.toString();
    }
}
