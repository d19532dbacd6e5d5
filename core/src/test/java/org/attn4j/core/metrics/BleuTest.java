package org.attn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {
    private static final double TOL = 1e-9;

    static final List<String> HYPS = List.of(
            "The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
    static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

    @Test
    void issueExampleMatchesSacreBleuDefaults() {
        BleuScore s = Bleu.builder().build().corpusScore(HYPS, REFS);

        assertThat(Decimals.format(s.score(), 6)).isEqualTo("48.530827");
        assertThat(s.score()).isCloseTo(48.530827009929865, within(1e-12));
        // Statistics as sacreBLEU 2.6.0 reports them for this corpus.
        assertThat(s.matches()).containsExactly(14L, 7L, 5L, 3L);
        assertThat(s.totals()).containsExactly(17L, 14L, 11L, 8L);
        assertThat(s.hypLength()).isEqualTo(17);
        assertThat(s.refLength()).isEqualTo(18);
        assertThat(s.brevityPenalty()).isCloseTo(Math.exp(1 - 18.0 / 17), within(TOL));
        assertThat(s.signature()).isEqualTo("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0");
        assertThat(s.format()).isEqualTo(
                "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)");
    }

    @Test
    void handComputedSingleReference() {
        // hyp "the cat sat on the mat", ref "the cat sat on a mat", 6 tokens each (BP = 1):
        //   1-grams: the x2 (clipped to 1), cat, sat, on, mat -> 5/6
        //   2-grams: the cat, cat sat, sat on match; on the, the mat do not -> 3/5
        //   3-grams: the cat sat, cat sat on -> 2/4;  4-grams: the cat sat on -> 1/3
        //   BLEU = 100 * (5/6 * 3/5 * 2/4 * 1/3)^(1/4) = 100 * (1/12)^(1/4)
        BleuScore s = Bleu.builder().build()
                .sentenceScore("the cat sat on the mat", List.of("the cat sat on a mat"));
        assertThat(s.score()).isCloseTo(100 * Math.pow(1.0 / 12, 0.25), within(TOL));
        assertThat(s.brevityPenalty()).isEqualTo(1.0);
    }

    @Test
    void smoothingMethodsOnOrdersWithoutMatches() {
        // hyp "a b c d", ref "a b d c": 1-grams 4/4, 2-grams 1/3 (only "a b"), 3-grams 0/2,
        // 4-grams 0/1; BP = 1.
        String hyp = "a b c d";
        List<String> ref = List.of("a b d c");
        // exp: the first empty order gets 1/(2*2), the second 1/(4*1)  -> 25% and 25%.
        assertThat(score(Smoothing.EXP, hyp, ref))
                .isCloseTo(Math.pow(100 * (100.0 / 3) * 25 * 25, 0.25), within(TOL));
        // floor 0.1: 0.1/2 and 0.1/1 -> 5% and 10%.
        assertThat(score(Smoothing.FLOOR, hyp, ref))
                .isCloseTo(Math.pow(100 * (100.0 / 3) * 5 * 10, 0.25), within(TOL));
        // add-k 1 on orders >= 2: (1+1)/(3+1), (0+1)/(2+1), (0+1)/(1+1) -> 50%, 33.3%, 50%.
        assertThat(score(Smoothing.ADD_K, hyp, ref))
                .isCloseTo(Math.pow(100 * 50 * (100.0 / 3) * 50, 0.25), within(TOL));
        // none: a zero precision makes the score exactly 0.
        assertThat(score(Smoothing.NONE, hyp, ref)).isEqualTo(0.0);
        // explicit values: floor 0.5 -> 25% and 50%; add-k 2 -> 3/5, 2/4, 2/3.
        assertThat(Bleu.builder().optSmoothing(Smoothing.FLOOR, 0.5).build().sentenceScore(hyp, ref).score())
                .isCloseTo(Math.pow(100 * (100.0 / 3) * 25 * 50, 0.25), within(TOL));
        BleuScore addTwo = Bleu.builder().optSmoothing(Smoothing.ADD_K, 2).build().sentenceScore(hyp, ref);
        assertThat(addTwo.score()).isCloseTo(Math.pow(100 * 60 * 50 * (200.0 / 3), 0.25), within(TOL));
        assertThat(addTwo.signature()).contains("|smooth:add-k[2.00]|");
        assertThat(addTwo.matches()).as("raw counts, before k").containsExactly(4L, 1L, 0L, 0L);
    }

    @Test
    void shortHypothesesNeedEffectiveOrder() {
        // hyp "the cat" has no 3-grams: without effective order the score is 0 whatever the
        // smoothing; with it, only orders 1-2 count: (100 * 100)^(1/2) * BP, BP = exp(1 - 3/2).
        List<String> ref = List.of("the cat sat");
        assertThat(Bleu.builder().build().sentenceScore("the cat", ref).score()).isEqualTo(0.0);
        BleuScore eff = Bleu.builder().optEffectiveOrder(true).build().sentenceScore("the cat", ref);
        assertThat(eff.score()).isCloseTo(100 * Math.exp(-0.5), within(TOL));
        assertThat(eff.signature()).contains("|eff:yes|");
    }

    @Test
    void closestReferenceLengthPrefersTheShorterOnATie() {
        // hyp has 4 tokens; refs of 3 and 5 tokens are equally close -> r = 3, BP = 1.
        BleuScore tie = Bleu.builder().build().sentenceScore("w x y z", List.of("w x y z q", "w x y"));
        assertThat(tie.refLength()).isEqualTo(3);
        assertThat(tie.brevityPenalty()).isEqualTo(1.0);
        // refs of 5 and 7 tokens: 5 is closest, BP = exp(1 - 5/4).
        BleuScore shorter = Bleu.builder().build()
                .sentenceScore("w x y z", List.of("w x y z q r s", "w x y z q"));
        assertThat(shorter.refLength()).isEqualTo(5);
        assertThat(shorter.brevityPenalty()).isCloseTo(Math.exp(1 - 5.0 / 4), within(TOL));
    }

    @Test
    void clippingUsesTheLargestCountInAnySingleReference() {
        // "the" appears 3 times in the hypothesis, twice in ref 2, once in ref 1: clipped to 2.
        BleuScore s = Bleu.builder().build()
                .sentenceScore("the the the", List.of("the cat", "the the"));
        assertThat(s.matches().get(0)).isEqualTo(2L);
        assertThat(s.totals().get(0)).isEqualTo(3L);
    }

    @Test
    void lowercasingAndCaseSensitivity() {
        String hyp = "The Big Dog Barked Loudly";
        List<String> ref = List.of("the big dog barked loudly");
        assertThat(Bleu.builder().build().sentenceScore(hyp, ref).score()).isEqualTo(0.0);
        BleuScore lc = Bleu.builder().optLowercase(true).build().sentenceScore(hyp, ref);
        assertThat(lc.score()).isCloseTo(100.0, within(TOL));
        assertThat(lc.signature()).isEqualTo("nrefs:1|case:lc|eff:no|tok:13a|smooth:exp|version:2.6.0");
    }

    @Test
    void emptyHypothesesScoreZeroWithoutFailing() {
        BleuScore allEmpty = Bleu.builder().build()
                .corpusScore(List.of("", "  "), List.of(List.of("a b c d", "e f")));
        assertThat(allEmpty.score()).isEqualTo(0.0);
        assertThat(allEmpty.hypLength()).isZero();
        assertThat(allEmpty.refLength()).as("closest to 0 tokens is the only reference").isEqualTo(6);
        assertThat(allEmpty.brevityPenalty()).isEqualTo(0.0);
        assertThat(allEmpty.ratio()).isEqualTo(0.0);

        // One empty line among good ones only shortens the corpus: 4 of 4 n-grams match at
        // every order, BP = exp(1 - 6/4).
        BleuScore oneEmpty = Bleu.builder().build()
                .corpusScore(List.of("a b c d", ""), List.of(List.of("a b c d", "e f")));
        assertThat(oneEmpty.score()).isCloseTo(100 * Math.exp(1 - 6.0 / 4), within(TOL));
    }

    @Test
    void unicodeTextAndPythonWhitespace() {
        // U+00A0 separates words for sacreBLEU (Python's split), so these are 4 tokens each.
        String hyp = "Zwei junge\u00A0weiße Männer";
        BleuScore s = Bleu.builder().optTokenizer(BleuTokenizer.NONE).build()
                .sentenceScore(hyp, List.of("Zwei junge weiße Männer"));
        assertThat(s.hypLength()).isEqualTo(4);
        assertThat(s.score()).isCloseTo(100.0, within(TOL));
        // Lower-casing applies Unicode rules: Ä -> ä.
        assertThat(Bleu.builder().optLowercase(true).build()
                .sentenceScore("ÄPFEL UND BIRNEN SIND GUT", List.of("äpfel und birnen sind gut")).score())
                .isCloseTo(100.0, within(TOL));
        // With the char tokenizer an emoji counts once: 5 tokens.
        assertThat(Bleu.builder().optTokenizer(BleuTokenizer.CHAR).build()
                .sentenceScore("ab\uD83D\uDE00cd", List.of("ab\uD83D\uDE00cd")).hypLength()).isEqualTo(5);
    }

    @Test
    void mismatchedStreamsAndEmptyInputAreClearErrors() {
        Bleu bleu = Bleu.builder().build();
        assertThatThrownBy(() -> bleu.corpusScore(HYPS, List.of(REFS.get(0), List.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference stream 2 of 2 has 2 segments but there are 3 hypotheses");
        assertThatThrownBy(() -> bleu.corpusScore(List.of(), List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no hypotheses");
        assertThatThrownBy(() -> bleu.corpusScore(HYPS, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no reference streams");
        assertThatThrownBy(() -> Bleu.builder().optSmoothing(Smoothing.EXP, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smoothing method 'exp' takes no value");
        assertThatThrownBy(() -> Bleu.builder().optSmoothing(Smoothing.FLOOR, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite and >= 0");
    }

    private static double score(Smoothing smoothing, String hyp, List<String> refs) {
        return Bleu.builder().optSmoothing(smoothing).build().sentenceScore(hyp, refs).score();
    }
}
