package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.junit.jupiter.api.Test;

class DetokenizerTest {
    private final Detokenizer en = Detokenizer.forLanguage("en");
    private final Detokenizer de = Detokenizer.forLanguage("de");
    private final Detokenizer fr = Detokenizer.forLanguage("fr");

    private static List<String> t(String spaced) {
        return List.of(spaced.split(" "));
    }

    @Test
    void englishPunctuationAndContractions() {
        assertThat(en.detokenize(t("He did n't go ( yet ) , did he ?"))).isEqualTo("He didn't go (yet), did he?");
        assertThat(en.detokenize(t("The dog 's ball costs $ 3 . 50 ; 20 % off !"))).isEqualTo(
                "The dog's ball costs $3.50; 20% off!");
        assertThat(en.detokenize(t("don ' t wear a T - shirt"))).isEqualTo("don't wear a T-shirt");
        assertThat(en.detokenize(t("an ex- con with brown -haired kids at 8 : 30"))).isEqualTo(
                "an ex-con with brown-haired kids at 8:30");
        assertThat(en.detokenize(t("He said \" hello there \" and “ bye ” ..."))).isEqualTo(
                "He said \"hello there\" and “bye”...");
    }

    @Test
    void germanQuotes() {
        assertThat(de.detokenize(t("Er sagt „ hallo “ , z . B ."))).isEqualTo("Er sagt „hallo“, z. B.");
    }

    @Test
    void frenchSpacingAsTheNormalisationLeavesIt() {
        assertThat(fr.detokenize(t("Qu ' est - ce que c ' est ?"))).isEqualTo("Qu'est-ce que c'est ?");
        assertThat(fr.detokenize(t("« Oui » , dit - il : l' homme va bien !"))).isEqualTo("« Oui », dit-il : l'homme va bien !");
    }

    @Test
    void edgeCases() {
        assertThat(en.detokenize(List.of())).isEmpty();
        assertThat(en.detokenize(List.of(".", "a"))).isEqualTo(". a");
        assertThat(en.detokenize(List.of("a", "", "b"))).isEqualTo("a b");
        assertThatThrownBy(() -> en.detokenize(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownLanguageListsTheKnownOnes() {
        assertThatThrownBy(() -> Detokenizer.forLanguage("nl")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nl'").hasMessageContaining("[de, en, fr]");
    }
}
