package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Attn4jCommandTest {

    @Test
    void helpOnEveryCommandGoesToStdoutAndSucceeds() {
        for (String[] args : new String[][] {{"--help"}, {"score", "--help"}, {"help", "score"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage: attn4j");
            assertThat(run.err()).isEmpty();
        }
        assertThat(CliRun.of("--help").out()).contains("score");
    }

    @Test
    void versionComesFromTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("attn4j \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void noCommandOrAnUnknownOneIsBadUsage() {
        CliRun none = CliRun.of();
        assertThat(none.exitCode()).isEqualTo(Main.USAGE);
        assertThat(none.err()).startsWith("attn4j: Missing required command").contains("Commands:");

        CliRun unknown = CliRun.of("scor");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("Unmatched argument at index 0: 'scor'").contains("score");
    }
}
