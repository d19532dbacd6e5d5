package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginsCommandTest {

    @Test
    void listsEveryKindWithNameAndClass() {
        CliRun r = CliRun.of("plugins");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).startsWith("KIND").contains("NAME").contains("CLASS").contains("DESCRIPTION");
        assertThat(r.out())
                .containsPattern("attention +additive +org\\.attn4j\\.attention\\.\\S+ ")
                .containsPattern("attention +multi-head +")
                .containsPattern("encoder +rnn +org\\.attn4j\\.rnn\\.\\S+")
                .containsPattern("decoder +rnn +org\\.attn4j\\.rnn\\.\\S+")
                .containsPattern("tokenizer +bpe +org\\.attn4j\\.tokenizers\\.BpeTokenizerProvider")
                .containsPattern("backend +java +org\\.attn4j\\.core\\.pipeline\\.JavaBackendProvider");
    }

    @Test
    void kindFilterAndLocation() {
        CliRun r = CliRun.of("plugins", "--kind", "tokenizer", "--location");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("bpe").doesNotContain("additive").contains("(file:");
        assertThat(r.outLines()).allMatch(l -> l.startsWith("KIND") || l.startsWith("tokenizer"));
    }

    @Test
    void anUnknownKindIsBadUsage() {
        CliRun r = CliRun.of("plugins", "--kind", "optimizer");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("unknown plugin kind 'optimizer'; valid kinds: [attention, encoder, decoder, tokenizer, backend]");
    }

    @Test
    void helpOnTheNewCommands() {
        for (String command : new String[] {"plugins", "attention", "bench", "demo"}) {
            CliRun r = CliRun.of(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: attn4j " + command);
            assertThat(CliRun.of("--help").out()).contains(command);
        }
    }
}
