package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Token;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer contract for {@code sentencepiece}, on a unigram {@code nmt_nfkc} model with user-defined symbols. */
class SentencePieceTokenizerTest extends TokenizerContractTest {

    /** The test model's path. */
    protected String modelName() {
        return "unigram-nmt.model";
    }

    static Path model(String name) {
        try {
            return Path.of(SentencePieceTokenizerTest.class.getResource("/sentencepiece/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected TokenizerProvider provider() {
        return new SentencePieceTokenizerProvider();
    }

    @Override
    protected boolean lossless() {
        return true;
    }

    @Override
    protected List<String> savedFiles() {
        return List.of("tokenizer.json", SentencePieceTokenizer.MODEL_FILE);
    }

    @Override
    protected Map<String, Object> defaultOptions() {
        return Map.of("model", model(modelName()).toString());
    }

    @Override
    protected boolean isByteToken(String token) {
        return ((SentencePieceTokenizer) tokenizer()).isByteToken(token);
    }

    /**
     * The contract's version of this test expects U+FFFD in the normalised text; here the
     * replacement happens before the model's own normalisation, which may map or drop U+FFFD
     * ({@code nmt_nfkc} drops it). What must hold: the text is the model's normalisation of the
     * text with U+FFFD in place of each invalid character, and the tokens still cover it.
     */
    @Override
    @Test
    void replacePolicyTurnsInvalidCharactersIntoReplacementCharacters() {
        Tokenizer t = create(Map.of("onInvalidChar", "replace"));
        SentencePieceProcessor sp = ((SentencePieceTokenizer) t).processor();
        String expected = sp.decodePieces(sp.encodePieces("bell\uFFFDhere \uFFFD x\uFFFD"));
        assertThat(t.normalize("bell\u0007here \uD83D x\u0000")).isEqualTo(expected);
        assertThat(t.detokenize(t.split("bell\u0007here \uD83D x\u0000"))).isEqualTo(expected);
    }

    @Test
    void tokensAreTheReferencePiecesAndSurfaceStripsTheMarker() {
        Tokenizer t = tokenizer();
        SentencePieceProcessor sp = ((SentencePieceTokenizer) t).processor();
        for (String text : SAMPLES) {
            if (text.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
                continue;
            }
            assertThat(t.split(text)).isEqualTo(sp.encodePieces(text));
        }
        assertThat(t.surface("\u2581Hello")).isEqualTo("Hello");
        assertThat(t.surface("\u2581")).isEmpty();
        assertThat(t.surface("ing")).isEqualTo("ing");
    }

    @Test
    void theDummyPrefixIsAnEmptyTokenAtOffsetZero() {
        Tokenizer t = tokenizer();
        List<Token> tokens = t.tokenize("\u65e5\u672c");
        assertThat(tokens.get(0)).isEqualTo(new Token("\u2581", 0, 0));
        assertThat(t.normalize("  Hello \u00a0 world  ")).isEqualTo("Hello world");
    }

    @Test
    void userDefinedSymbolsAreSinglePieces() {
        assertThat(tokenizer().split("a <sep> b [MASK]")).contains("<sep>", "[MASK]");
    }

    @Test
    void aMissingOrBrokenModelIsAClearError(@TempDir Path dir) throws Exception {
        TokenizerProvider p = provider();
        assertThatThrownBy(() -> p.create(Options.of("tokenizer", Map.of()), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tokenizer.model");
        Path missing = dir.resolve("nope.model");
        assertThatThrownBy(() -> p.create(Options.of("tokenizer", Map.of("model", missing.toString())), null))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        byte[] bytes = Files.readAllBytes(model(modelName()));
        Path truncated = dir.resolve("truncated.model");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> p.create(Options.of("tokenizer", Map.of("model", truncated.toString())), null))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(truncated.toString())
                .hasMessageContaining("byte offset");
    }

    @Test
    void loadReadsTheCopiedModelRelativeToTheDirectory(@TempDir Path dir) throws Exception {
        tokenizer().save(dir);
        assertThat(Files.readAllBytes(dir.resolve(SentencePieceTokenizer.MODEL_FILE)))
                .isEqualTo(Files.readAllBytes(model(modelName())));
        assertThat(Files.readString(dir.resolve("tokenizer.json"))).contains("\"model\" : \"sentencepiece.model\"");
        Tokenizer again = provider().load(dir);
        assertThat(again.split("Tom est allergique.")).isEqualTo(tokenizer().split("Tom est allergique."));
    }
}
