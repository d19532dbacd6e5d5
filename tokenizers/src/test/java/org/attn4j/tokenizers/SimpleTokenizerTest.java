package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.spi.TokenizerProvider;
import org.junit.jupiter.api.Test;

class SimpleTokenizerTest extends TokenizerContractTest {

    @Override
    protected TokenizerProvider provider() {
        return new SimpleTokenizerProvider();
    }

    @Override
    protected boolean lossless() {
        return false;
    }

    @Test
    void splitsWhereTheCharacterClassChanges() {
        assertThat(tokenizer().split("A T-shirt, 3.50 isn't...")).containsExactly("A", "T", "-", "shirt", ",", "3", ".",
                "50", "isn", "'", "t", "...");
    }

    @Test
    void keepsSurrogatePairsAndCombiningMarksWhole() {
        // OpenNLP's SimpleTokenizer alone would cut the emoji into two lone surrogates.
        assertThat(tokenizer().split("a\uD83D\uDE00b")).containsExactly("a", "\uD83D\uDE00", "b");
        assertThat(tokenizer().split("q\u0307x")).containsExactly("q\u0307", "x");
    }

    @Test
    void detokenizesWithTheLanguageRules() {
        assertThat(tokenizer().detokenize(tokenizer().split("A T-shirt, isn't it (red)?"))).isEqualTo(
                "A T-shirt, isn't it (red)?");
        var fr = create(Map.of("language", "fr"));
        assertThat(fr.detokenize(fr.split("Qu'est-ce que c'est\u202f? «\u00a0Oui\u00a0»"))).isEqualTo(
                "Qu'est-ce que c'est ? « Oui »");
    }

    @Test
    void unknownLanguageListsTheValidOnes() {
        assertThatThrownBy(() -> create(Map.of("language", "xx"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tokenizer.language").hasMessageContaining("[de, en, fr]");
        assertThat(create(Map.of("language", "de")).split("Zwei Hunde.")).isEqualTo(List.of("Zwei", "Hunde", "."));
    }
}
