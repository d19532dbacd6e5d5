package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.attn4j.tokenizers.TextNormalizer.InvalidCharPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TextNormalizerTest {
    private final TextNormalizer plain = TextNormalizer.DEFAULT;
    private final TextNormalizer lower = new TextNormalizer(true, InvalidCharPolicy.ERROR);
    private final TextNormalizer replacing = new TextNormalizer(false, InvalidCharPolicy.REPLACE);

    @Test
    void composesToNfc() {
        assertThat(plain.normalize("e\u0301le\u0300ve")).isEqualTo("\u00e9l\u00e8ve");
        assertThat(plain.normalize("\u212b")).isEqualTo("\u00c5"); // ANGSTROM SIGN is a singleton decomposition
    }

    @Test
    void everyUnicodeSpaceBecomesOneAsciiSpace() {
        String spaces = "\u00a0\u202f\u2009\u2002\u3000\u1680\u2028\u2029\t\n\r\u000b\f\u001f\u0085";
        for (char c : spaces.toCharArray()) {
            assertThat(plain.normalize("a" + c + "b")).as("U+%04X", (int) c).isEqualTo("a b");
        }
        assertThat(plain.normalize("  a \u00a0\u202f b\t\n")).isEqualTo("a b");
    }

    @Test
    void keepsFormatCharactersAndDropsNothingElse() {
        String text = "soft\u00adhyphen zero\u200bwidth \ufeffbom joiner\u200d\u2060";
        assertThat(plain.normalize(text)).isEqualTo(text);
        String noChange = "Qu'est-ce ? \uD83D\uDE00 日本 \\ \u2581";
        assertThat(plain.normalize(noChange)).isSameAs(noChange);
    }

    @Test
    void lowercasesWithTheRootLocaleAndStaysNfc() {
        assertThat(lower.normalize("ZWEI MÄNNER İ ΣΊΣΥΦΟΣ")).isEqualTo("zwei männer i\u0307 σίσυφος");
    }

    @Test
    void isIdempotent() {
        for (TextNormalizer n : new TextNormalizer[] {plain, lower, replacing}) {
            for (String text : TokenizerContractTest.SAMPLES) {
                String once = n.normalize(text);
                assertThat(n.normalize(once)).isEqualTo(once);
            }
        }
    }

    @Test
    void controlCharactersAreErrorsGivingCodePointAndOffset() {
        assertThatThrownBy(() -> plain.normalize("ab\u0000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text holds the control character U+0000 at offset 2; remove it or normalise with"
                        + " onInvalidChar: replace");
        assertThatThrownBy(() -> plain.normalize("\u007f")).hasMessageContaining("U+007F at offset 0");
        assertThatThrownBy(() -> plain.normalize("x\u009b")).hasMessageContaining("U+009B at offset 1");
    }

    @Test
    void unpairedSurrogatesAreErrors() {
        assertThatThrownBy(() -> plain.normalize("ok \uDE00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+DE00 at offset 3");
        assertThatThrownBy(() -> plain.normalize("\uD83D\uD83D\uDE00")).hasMessageContaining("U+D83D at offset 0");
    }

    @Test
    void replacePolicyWritesReplacementCharacters() {
        assertThat(replacing.normalize("a\u0000b\uD83Dc\uDE00 \uD83D\uDE00\u0007")).isEqualTo(
                "a\uFFFDb\uFFFDc\uFFFD \uD83D\uDE00\uFFFD");
    }

    @Test
    void nullIsAnError() {
        assertThatThrownBy(() -> plain.normalize(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text must not be null");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed requirement
    void aOneMegabyteLineIsLinear() {
        String big = "A\u00a0b  q\u0307 ".repeat(125_000);
        String out = plain.normalize(big);
        assertThat(out).startsWith("A b q\u0307 A").doesNotEndWith(" ");
        assertThat(out.length()).isEqualTo(big.length() - 125_000 - 1);
    }
}
