package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Token;
import org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offsets and surfaces of the {@code sentencepiece} tokenizer on every test model, whitespace
 * settings included (no dummy prefix and kept spaces; whitespace as a suffix).
 */
class SentencePieceTokenizerModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"unigram-nmt", "bpe-nmt-bytes", "unigram-identity-bytes", "bpe-identity-bytes",
        "unigram-nfkc-bytes-nodummy", "bpe-nmt-suffix"})
    void tokensAreThePiecesAndTheirOffsetsGiveTheirSurfaces(String name) {
        SentencePieceTokenizer t = (SentencePieceTokenizer) new SentencePieceTokenizerProvider().create(Options.of("tokenizer",
                Map.of("model", SentencePieceTokenizerTest.model(name + ".model").toString(), "onInvalidChar", "replace")),
                null);
        SentencePieceProcessor sp = t.processor();
        for (String text : TokenizerContractTest.SAMPLES) {
            String normalized = t.normalize(text);
            List<Token> tokens = t.tokenize(text);
            assertThat(tokens).extracting(Token::text).containsExactlyElementsOf(t.split(text));
            int previousEnd = 0;
            for (Token token : tokens) {
                assertThat(token.start()).as("%s: %s in '%s'", name, token, normalized).isGreaterThanOrEqualTo(previousEnd);
                assertThat(normalized.substring(token.start(), token.end())).as("%s: %s", name, token)
                        .isEqualTo(t.surface(token.text()));
                previousEnd = token.end();
            }
            String decoded = t.detokenize(t.split(text));
            assertThat(decoded).as(name).isEqualTo(sp.decodePieces(t.split(text)));
            if (!sp.treatWhitespaceAsSuffix()) {
                assertThat(decoded).as("%s: lossless on '%s'", name, text).isEqualTo(normalized);
            } else {
                assertThat(decoded).as("%s: 0.1.97 keeps the dummy suffix", name).isEqualTo(normalized.isEmpty() ? ""
                        : normalized + " ");
            }
        }
    }
}
