package org.attn4j.tokenizers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubwordsTest {

    @Test
    void keysEscapeTheReservedCharacters() {
        assertThat(Subwords.key("a\u2581b\\c", 0, 5, true)).isEqualTo("\u2581a\\\u2581b\\\\c");
        assertThat(Subwords.key("xyz", 1, 3, false)).isEqualTo("yz");
    }

    @Test
    void symbolsKeepEscapesSurrogatesAndTheMarkerTogether() {
        List<String> out = new ArrayList<>();
        Subwords.symbols("\u2581\\\u2581a\uD83D\uDE00\\\\", out);
        assertThat(out).containsExactly("\u2581\\\u2581", "a", "\uD83D\uDE00", "\\\\");
        out.clear();
        Subwords.symbols("\u2581q\u0307\u0323x\u0301", out);
        assertThat(out).containsExactly("\u2581q\u0307\u0323", "x\u0301");
    }

    @Test
    void surfaceAndDecodeUndoTheEncoding() {
        assertThat(Subwords.surface("\u2581\\\u2581ab")).isEqualTo("\u2581ab");
        assertThat(Subwords.surfaceLength("\u2581\\\u2581ab\\\\")).isEqualTo(4);
        assertThat(Subwords.surface("\u2581")).isEqualTo(" ");
        assertThat(Subwords.decode(List.of("\u2581Two", "\u2581dog", "s", ",", "\u2581\\\\", "\\\u2581"))).isEqualTo(
                "Two dogs, \\\u2581");
        assertThat(Subwords.decode(List.of())).isEmpty();
    }
}
