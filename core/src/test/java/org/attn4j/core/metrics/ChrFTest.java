package org.attn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChrFTest {
    private static final double TOL = 1e-9;

    @Test
    void issueExampleMatchesSacreBleu() {
        // Values printed by sacreBLEU 2.6.0: CHRF() and CHRF(word_order=2) on this corpus.
        ChrFScore chrf = ChrF.builder().build().corpusScore(BleuTest.HYPS, BleuTest.REFS);
        assertThat(chrf.score()).isCloseTo(59.72751782684763, within(1e-10));
        assertThat(chrf.signature()).isEqualTo("nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0");
        assertThat(chrf.format()).isEqualTo("chrF2 = 59.73");
        ChrFScore plus = ChrF.builder().optWordOrder(2).build().corpusScore(BleuTest.HYPS, BleuTest.REFS);
        assertThat(plus.score()).isCloseTo(59.15310444399262, within(1e-10));
        assertThat(plus.name()).isEqualTo("chrF2++");
    }

    @Test
    void handComputedCharacterStatistics() {
        // Order 2, beta 2. Whitespace is dropped: "ab c" -> "abc" against "abd".
        //   1-grams a,b,c vs a,b,d: P = R = 2/3;  2-grams ab,bc vs ab,bd: P = R = 1/2.
        //   Averages P = R = 7/12 and F_beta(P, P) = P  -> 58.33...
        ChrF chrf = ChrF.builder().optCharOrder(2).build();
        assertThat(chrf.sentenceScore("ab c", List.of("abd")).score()).isCloseTo(100 * 7.0 / 12, within(TOL));
    }

    @Test
    void effectiveOrderVersusEpsSmoothing() {
        // hyp "a", ref "ab", orders 1-2, beta 2. Order 1: P = 1, R = 1/2. Order 2: no hypothesis
        // bigram. Effective order averages order 1 only: F = 5 * 1 * 0.5 / (4 * 1 + 0.5) = 5/9.
        // Eps smoothing averages F over both orders, order 2 contributing ~0: (5/9) / 2.
        List<String> ref = List.of("ab");
        assertThat(ChrF.builder().optCharOrder(2).build().sentenceScore("a", ref).score())
                .isCloseTo(500.0 / 9, within(TOL));
        ChrF eps = ChrF.builder().optCharOrder(2).optEpsSmoothing(true).build();
        assertThat(eps.sentenceScore("a", ref).score()).isCloseTo(250.0 / 9, within(TOL));
        assertThat(eps.signature(1)).contains("|eff:no|");
    }

    @Test
    void betaWeighsRecall() {
        // Order 1, hyp "ab" vs ref "abcd": P = 1, R = 1/2.
        //   beta 1: 2PR/(P+R) = 2/3;  beta 0: precision alone = 1.
        List<String> ref = List.of("abcd");
        assertThat(ChrF.builder().optCharOrder(1).optBeta(1).build().sentenceScore("ab", ref).score())
                .isCloseTo(200.0 / 3, within(TOL));
        assertThat(ChrF.builder().optCharOrder(1).optBeta(0).build().sentenceScore("ab", ref).score())
                .isCloseTo(100.0, within(TOL));
        assertThat(ChrF.builder().optBeta(1).optWordOrder(1).build().name()).isEqualTo("chrF1+");
    }

    @Test
    void bestReferencePerSegment() {
        // Segment 1 matches ref stream 1 exactly, segment 2 matches stream 2 exactly: choosing
        // the best reference per segment gives 100; a fixed stream would not.
        ChrFScore s = ChrF.builder().build().corpusScore(List.of("hello world", "good night"),
                List.of(List.of("hello world", "xyz"), List.of("qqq", "good night")));
        assertThat(s.score()).isCloseTo(100.0, within(TOL));
    }

    @Test
    void wordsSplitOffOnePunctuationMark() {
        // As sacreBLEU's chrF++ word splitting (checked against it on this line).
        assertThat(ChrF.splitPunctuation("Hello, world! (x) ''' a. ,b"))
                .containsExactly("Hello", ",", "world", "!", "(x", ")", "''", "'", "a", ".", ",", "b");
    }

    @Test
    void charactersAreCodePoints() {
        // Order 1: "😀b" vs "😀c" has 1 of 2 characters in common -> P = R = 1/2. Counting
        // UTF-16 units instead would give 2/3.
        ChrF chrf = ChrF.builder().optCharOrder(1).build();
        assertThat(chrf.sentenceScore("\uD83D\uDE00b", List.of("\uD83D\uDE00c")).score())
                .isCloseTo(50.0, within(TOL));
        // Lower-casing is Unicode-aware.
        assertThat(ChrF.builder().optLowercase(true).build()
                .sentenceScore("GRÜNE WIESE", List.of("grüne wiese")).score()).isCloseTo(100.0, within(TOL));
    }

    @Test
    void emptySegmentsAndBadArguments() {
        ChrF chrf = ChrF.builder().build();
        assertThat(chrf.corpusScore(List.of(""), List.of(List.of("abc"))).score()).isEqualTo(0.0);
        assertThat(chrf.corpusScore(List.of("", "abc"), List.of(List.of("x", "abc"))).score())
                .as("the empty segment adds reference n-grams only")
                .isBetween(0.0, 100.0);
        assertThatThrownBy(() -> chrf.corpusScore(List.of("a", "b"), List.of(List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference stream 1 of 1 has 1 segments but there are 2 hypotheses");
        assertThatThrownBy(() -> ChrF.builder().optCharOrder(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both 0");
    }
}
