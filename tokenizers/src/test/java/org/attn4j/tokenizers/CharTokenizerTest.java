package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.attn4j.api.spi.TokenizerProvider;
import org.junit.jupiter.api.Test;

class CharTokenizerTest extends TokenizerContractTest {

    @Override
    protected TokenizerProvider provider() {
        return new CharTokenizerProvider();
    }

    @Override
    protected boolean lossless() {
        return true;
    }

    @Test
    void oneTokenPerCharacterWithSpacesAsMarkers() {
        assertThat(tokenizer().split("Va !")).containsExactly("V", "a", "\u2581", "!");
    }

    @Test
    void surrogatePairsAndCombiningMarksStayWithTheirCharacter() {
        assertThat(tokenizer().split("\uD83D\uDE00q\u0307")).containsExactly("\uD83D\uDE00", "q\u0307");
    }

    @Test
    void reservedCharactersAreEscapedAndComeBack() {
        String text = "a\u2581b\\c";
        assertThat(tokenizer().split(text)).containsExactly("a", "\\\u2581", "b", "\\\\", "c");
        assertThat(tokenizer().detokenize(tokenizer().split(text))).isEqualTo(text);
        assertThat(tokenizer().detokenize(List.of("a", "\u2581", "b"))).isEqualTo("a b");
    }
}
