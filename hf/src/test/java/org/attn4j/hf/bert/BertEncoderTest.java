package org.attn4j.hf.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.ModelFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BertEncoder} on the bert-tiny fixture: special tokens in the text, batches, and bad input. */
class BertEncoderTest {
    static BertEncoder bert;

    @BeforeAll
    static void load() {
        bert = BertEncoder.load(BertParityTest.fixture());
    }

    @Test
    void specialTokensWrittenInTheTextAreThoseTokensCaseSensitively() {
        BertInput in = bert.tokenize(List.of("The [MASK] is here.[SEP]room", "the [mask]"));
        assertThat(in.tokens().get(0)).containsExactly("[CLS]", "the", "[MASK]", "is", "here", ".", "[SEP]", "room", "[SEP]");
        assertThat(in.inputIds()[0]).startsWith(2, 22, 4, 13);
        // lower-case: not the mask token but text, whose brackets the fixture's vocabulary lacks
        assertThat(in.tokens().get(1)).containsExactly("[CLS]", "the", "[UNK]", "m", "##a", "##s", "##k", "[UNK]", "[SEP]");
    }

    @Test
    void aBatchIsPaddedAndEachRowEncodesAsItDoesAlone() {
        BertOutput batch = bert.encode(List.of("Are you sure you want to do this?", "Hi."));
        BertOutput alone = bert.encode(List.of("Hi."));
        int n = alone.input().length();
        assertThat(batch.input().length()).isGreaterThan(n);
        assertThat(batch.input().attentionMask()[1]).startsWith(1, 1, 1, 1).endsWith(0, 0);
        assertThat(batch.input().inputIds()[1][batch.input().length() - 1]).isZero();
        double worst = 0;
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < bert.hiddenSize(); d++) {
                worst = Math.max(worst, Math.abs(batch.lastHiddenState()[1][t][d] - alone.lastHiddenState()[0][t][d]));
            }
        }
        assertThat(worst).as("padding changes nothing at the real positions").isLessThan(1e-5);
        float[] row = batch.attentions()[0][1][0][0];
        assertThat(row[row.length - 1]).as("a padded key gets no weight").isZero();
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> bert.encode(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one text");
        assertThatThrownBy(() -> bert.encodePairs(List.of("a", "b"), List.of("c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as many second texts (1)");
        String longText = "the ".repeat(bert.maxLength());
        assertThatThrownBy(() -> bert.encode(List.of(longText))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text 0 is " + (bert.maxLength() + 2) + " tokens")
                .hasMessageContaining("at most " + bert.maxLength());
        BertInput bad = new BertInput(List.of(List.of("x")), new int[][] {{696}}, new int[][] {{0}}, new int[][] {{1}});
        assertThatThrownBy(() -> bert.encode(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input id 696 at [0][0] is outside the vocabulary of 696");
    }

    @Test
    void aDirectoryThatIsNoBertIsNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> BertEncoder.load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("config.json").toString()).hasMessageContaining("missing");
        java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"model\": {\"kind\": \"seq2seq\"}}");
        assertThat(BertEncoder.isBertDirectory(dir)).isFalse();
        assertThatThrownBy(() -> BertEncoder.load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'model.kind'").hasMessageContaining("not an imported BERT");
    }
}
