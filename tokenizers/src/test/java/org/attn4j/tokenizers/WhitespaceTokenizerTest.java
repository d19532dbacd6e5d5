package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import org.attn4j.api.spi.TokenizerProvider;
import org.junit.jupiter.api.Test;

class WhitespaceTokenizerTest extends TokenizerContractTest {

    @Override
    protected TokenizerProvider provider() {
        return new WhitespaceTokenizerProvider();
    }

    @Override
    protected boolean lossless() {
        return true;
    }

    @Test
    void splitsOnEveryKindOfSpaceOnly() {
        assertThat(tokenizer().split("Va\u00a0! Qui\u202f? a,b\tc")).containsExactly("Va", "!", "Qui", "?", "a,b", "c");
    }

    @Test
    void detokenizeJoinsWithSingleSpaces() {
        assertThat(tokenizer().detokenize(java.util.List.of("a,", "b", "."))).isEqualTo("a, b .");
    }
}
