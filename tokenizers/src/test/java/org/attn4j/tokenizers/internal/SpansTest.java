package org.attn4j.tokenizers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpansTest {

    private static List<String> repaired(String text, int... bounds) {
        SpanList raw = new SpanList();
        for (int i = 0; i < bounds.length; i += 2) {
            raw.add(bounds[i], bounds[i + 1]);
        }
        SpanList out = Spans.repair(text, raw);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            words.add(text.substring(out.start(i), out.end(i)));
        }
        return words;
    }

    @Test
    void joinsCutSurrogatePairsAndStrandedMarks() {
        assertThat(repaired("a\uD83D\uDE00", 0, 1, 1, 2, 2, 3)).containsExactly("a", "\uD83D\uDE00");
        assertThat(repaired("q\u0307x", 0, 1, 1, 2, 2, 3)).containsExactly("q\u0307", "x");
    }

    @Test
    void fillsGapsAndDropsOverlaps() {
        assertThat(repaired("ab cd ef", 0, 2)).containsExactly("ab", "cd", "ef");
        assertThat(repaired("abcdef", 0, 4, 2, 6)).containsExactly("abcd", "ef");
        assertThat(repaired("abc", 0, 9)).containsExactly("abc");
        assertThat(repaired("ab", new int[0])).containsExactly("ab");
        assertThat(repaired("")).isEmpty();
    }
}
