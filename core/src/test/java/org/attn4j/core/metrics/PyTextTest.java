package org.attn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyTextTest {

    @Test
    void whitespaceIsPythonsNotJavas() {
        // Python's str.isspace() accepts these; Character.isWhitespace rejects them.
        for (int cp : new int[] {0x85, 0xA0, 0x2007, 0x202F}) {
            assertThat(PyText.isSpace(cp)).as("U+%04X", cp).isTrue();
            assertThat(Character.isWhitespace(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(PyText.isSpace(0x200B)).as("zero-width space is not whitespace").isFalse();
        assertThat(PyText.isSpace(0x180E)).as("Mongolian vowel separator stopped being space").isFalse();
        assertThat(PyText.isSpace('\u001F')).isTrue();
    }

    @Test
    void splitAndRstripFollowPython() {
        assertThat(PyText.split("  a\u00A0b\tc\u3000 ")).containsExactly("a", "b", "c");
        assertThat(PyText.split(" \u2028 ")).isEmpty();
        assertThat(PyText.rstrip("a b \u00A0\n")).isEqualTo("a b");
        assertThat(PyText.rstrip(" \t")).isEmpty();
        assertThat(PyText.squeeze(" x  y ")).isEqualTo("x y");
    }

    @Test
    void lowerHandlesSpecialCasing() {
        // Final sigma, German sharp s (unchanged by lower) and dotted capital I (two code points).
        assertThat(PyText.lower("ΟΔΟΣ ÄPFEL STRAẞE")).isEqualTo("οδος äpfel straße");
        assertThat(PyText.lower("\u0130")).isEqualTo("i\u0307");
    }
}
