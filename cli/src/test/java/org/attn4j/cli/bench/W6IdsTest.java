package org.attn4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class W6IdsTest {

    private static W6Ids marian(Path dir, int v) throws IOException {
        Files.writeString(dir.resolve("import.json"), "{\"hf_token_ids\": {\"vocab_size\": " + v
                + ", \"eos\": 0, \"unk\": 1, \"pad\": " + (v - 1) + ", \"decoder_start\": " + (v - 1) + "}}");
        return W6Ids.read(dir);
    }

    @Test
    void sourcesFollowTheW6Definition(@TempDir Path dir) throws IOException {
        W6Ids ids = marian(dir, 32000);
        int[][] s = ids.hfSources(83);
        assertThat(s).hasNumberOfRows(83);
        assertThat(s[0]).hasSize(24).endsWith(0);
        assertThat(s[0][0]).isEqualTo(2);
        assertThat(s[0][1]).isEqualTo(2 + 104729 % 31997);
        assertThat(s[82][22]).isEqualTo(2 + (int) ((82L * 7919 + 22L * 104729) % 31997));
    }

    @Test
    void marianIdsMapPastAttn4jsSpecialIdsAndBack(@TempDir Path dir) throws IOException {
        W6Ids ids = marian(dir, 10);
        // Marian: </s> 0, <unk> 1, pieces 2..8, <pad> 9; attn4j: <pad> 0, <unk> 1, <s> 2, </s> 3, pieces from 4
        assertThat(ids.toAttn4j(new int[][] {{2, 8, 0, 1, 9}})[0]).containsExactly(4, 10, 3, 1, 0);
        assertThat(ids.toHf(new int[] {4, 10, 3, 1, 0, 2})).containsExactly(2, 8, 0, 1, 9, 9);
        assertThat(W6Ids.checksum(new int[][] {{5, 7}, {11}})).isEqualTo(1 * 1 * 5 + 1 * 2 * 7 + 2 * 1 * 11);
    }

    @Test
    void anImportWithoutTheIdsIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("import.json"), "{\"format\": \"attn4j-import\"}");
        assertThatThrownBy(() -> W6Ids.read(dir)).hasMessageContaining("import.json: no integer hf_token_ids.vocab_size");
        Files.writeString(dir.resolve("import.json"), "{\"hf_token_ids\": {\"vocab_size\": 10, \"eos\": 0, \"unk\": 1,"
                + " \"pad\": 9, \"decoder_start\": 5}}");
        assertThatThrownBy(() -> W6Ids.read(dir)).hasMessageContaining("is not Marian's layout");
    }
}
