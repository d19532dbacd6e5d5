package org.attn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.attn4j.api.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected outputs were produced by sacreBLEU 2.6.0's tokenizers on the same lines. */
class BleuTokenizerTest {

    @ParameterizedTest(name = "13a: [{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "It wasn't 3.5 km.|It wasn't 3.5 km .",
        "Hello,world|Hello , world",
        "1,000.5 and 3-4 or a-b|1,000.5 and 3 - 4 or a-b",
        "&amp;lt; x &quot;q&quot; <skipped>y|< x \" q \" y",
        "(hi) [a] {b} $5 @x #y 50% a/b a:b a;b|( hi ) [ a ] { b } $ 5 @ x # y 50 % a / b a : b a ; b",
        "end.|end .",
        "a..b|a . . b",
        "1.5.|1.5 .",
        "e.g. U.S.A.|e . g . U . S . A .",
    })
    void mteval13a(String line, String expected) {
        assertThat(BleuTokenizer.MTEVAL_13A.tokenize(line)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "intl: [{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Hello, world!|Hello , world !",
        "3.5 km|3.5 km",
        // mteval-v14's quirk, kept for compatibility: a final period after a number stays.
        "year 2020.|year 2020.",
        "€5 a+b|€ 5 a + b",
        "«Bonjour» ¿Qué? 1,000|« Bonjour » ¿ Qué ? 1,000",
        "l'homme — x…|l ' homme — x …",
        "über-groß|über - groß",
    })
    void international(String line, String expected) {
        assertThat(BleuTokenizer.INTL.tokenize(line)).isEqualTo(expected);
    }

    @Test
    void charactersAreCodePointsAndWhitespaceIsDropped() {
        assertThat(BleuTokenizer.CHAR.tokenize("ab c")).isEqualTo("a b c");
        // An emoji outside the BMP is one token, not two UTF-16 halves.
        assertThat(BleuTokenizer.CHAR.tokenize("a\uD83D\uDE00b")).isEqualTo("a \uD83D\uDE00 b");
        // A combining accent is its own code point, as in Python.
        assertThat(BleuTokenizer.CHAR.tokenize("e\u0301")).isEqualTo("e \u0301");
    }

    @Test
    void noneLeavesTheLineAlone() {
        assertThat(BleuTokenizer.NONE.tokenize("It wasn't  here.")).isEqualTo("It wasn't  here.");
    }

    @Test
    void namesRoundTripAndUnknownNamesListTheValidOnes() {
        for (BleuTokenizer t : BleuTokenizer.values()) {
            assertThat(BleuTokenizer.fromId(t.id())).isSameAs(t);
        }
        assertThatThrownBy(() -> BleuTokenizer.fromId("moses"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown BLEU tokenizer 'moses'; valid: 13a, none, intl, char");
        assertThatThrownBy(() -> Smoothing.fromId("add-one"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown BLEU smoothing method 'add-one'; valid: exp, floor, add-k, none");
    }
}
