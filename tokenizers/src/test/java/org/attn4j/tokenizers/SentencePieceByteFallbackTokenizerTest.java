package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.junit.jupiter.api.Test;

/** The tokenizer contract for {@code sentencepiece} on a BPE {@code nmt_nfkc} model with byte fallback. */
class SentencePieceByteFallbackTokenizerTest extends SentencePieceTokenizerTest {

    @Override
    protected String modelName() {
        return "bpe-nmt-bytes.model";
    }

    @Override
    @Test
    void userDefinedSymbolsAreSinglePieces() {
        // this model has none; the unigram model's test covers them
        assertThat(tokenizer().split("<sep>")).hasSizeGreaterThan(1);
    }

    /** As the contract's, except that byte pieces spell bytes in upper-case hex ({@code <0xC3>}). */
    @Override
    @Test
    void lowercaseOptionLowercases() {
        Tokenizer t = create(java.util.Map.of("lowercase", true));
        assertThat(t.normalize("Zwei M\u00c4NNER")).isEqualTo("zwei m\u00e4nner");
        assertThat(t.detokenize(t.split("Zwei M\u00c4NNER"))).isEqualTo("zwei m\u00e4nner");
        assertThat(String.join("", t.split("Zwei M\u00c4NNER").stream().filter(tok -> !isByteToken(tok)).toList())
                .chars().noneMatch(Character::isUpperCase)).isTrue();
    }

    @Test
    void bytePiecesAreEmptyTokensAtTheStartOfTheirCharacter() {
        Tokenizer t = tokenizer();
        String text = "x \u65e5";
        List<Token> tokens = t.tokenize(text);
        List<Token> bytes = tokens.stream().filter(tok -> tok.text().startsWith("<0x")).toList();
        assertThat(bytes).extracting(Token::text).containsExactly("<0xE6>", "<0x97>", "<0xA5>");
        assertThat(bytes).allSatisfy(tok -> assertThat(tok.start()).isEqualTo(2).isEqualTo(tok.end()));
        assertThat(t.detokenize(t.split(text))).isEqualTo(text);
    }
}
