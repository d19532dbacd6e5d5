package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.PluginException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizersTest {
    private final Tokenizers tokenizers = Tokenizers.discover(getClass().getClassLoader());

    @Test
    void discoversTheBuiltInProviders() {
        assertThat(tokenizers.names()).containsExactly("bpe", "char", "opennlp", "opennlp-simple", "sentencepiece",
                "whitespace", "wordpiece");
        for (String name : tokenizers.names()) {
            TokenizerProvider p = tokenizers.provider(name);
            assertThat(p.description()).isNotBlank();
            assertThat(p.options()).extracting(OptionSpec::name).contains("lowercase", "onInvalidChar");
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> tokenizers.provider("unigram")).isInstanceOf(PluginException.class)
                .hasMessageContaining("'unigram'")
                .hasMessageContaining("[bpe, char, opennlp, opennlp-simple, sentencepiece, whitespace, wordpiece]");
        assertThatThrownBy(() -> tokenizers.create(Options.of("model.tokenizer", Map.of("lowercase", true)), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("model.tokenizer.name");
    }

    @Test
    void duplicateNamesNameBothClasses() {
        TokenizerProvider impostor = new TokenizerProvider() {
            @Override
            public String name() {
                return "char";
            }

            @Override
            public String description() {
                return "another char";
            }

            @Override
            public List<OptionSpec> options() {
                return List.of();
            }

            @Override
            public Tokenizer create(Options options, Iterable<String> trainingText) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Tokenizer load(Path dir) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> Tokenizers.of(List.of(new CharTokenizerProvider(), impostor)))
                .isInstanceOf(PluginException.class).hasMessageContaining("'char'")
                .hasMessageContaining(CharTokenizerProvider.class.getName()).hasMessageContaining(impostor.getClass().getName());
    }

    @Test
    void createPassesTheOtherKeysAndLoadFindsTheProvider(@TempDir Path dir) {
        Tokenizer t = tokenizers.create(Options.of("t", Map.of("name", "char", "lowercase", true)), null);
        assertThat(t.split("Ab")).containsExactly("a", "b");
        t.save(dir);
        assertThat(tokenizers.load(dir).split("Ab")).containsExactly("a", "b");
        assertThatThrownBy(() -> new BpeTokenizerProvider().load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("holds a 'char' tokenizer, not 'bpe'");
    }

    @Test
    void loadingFromAnEmptyDirectoryNamesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> tokenizers.load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString()).hasMessageContaining("not found");
    }
}
