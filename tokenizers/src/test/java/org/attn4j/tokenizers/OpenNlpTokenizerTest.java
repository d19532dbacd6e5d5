package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.OpenNlpModels;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenNlpTokenizerTest extends TokenizerContractTest {

    @Override
    protected TokenizerProvider provider() {
        return new OpenNlpTokenizerProvider();
    }

    @Override
    protected boolean lossless() {
        return false;
    }

    private static byte[] englishModelBytes() throws IOException {
        URL url = OpenNlpModels.classPathModels(OpenNlpTokenizerTest.class.getClassLoader()).get("en");
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void findsTheEnglishAndGermanModelsOnTheClassPath() {
        assertThat(OpenNlpModels.classPathLanguages(getClass().getClassLoader())).contains("de", "en");
        assertThat(tokenizer().split("Two men aren't outside, near 3.5 bushes.")).containsExactly("Two", "men", "aren't",
                "outside", ",", "near", "3.5", "bushes", ".");
        assertThat(create(Map.of("language", "de")).split("Zwei Männer, z.B. im Freien.")).contains("Zwei", "Männer", ",",
                "Freien", ".");
    }

    @Test
    void languageWithoutAModelSaysWhatIsAvailable() {
        assertThatThrownBy(() -> create(Map.of("language", "fr"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no OpenNLP tokenizer model for language 'fr'").hasMessageContaining("[de, en]")
                .hasMessageContaining("modelFile");
    }

    @Test
    void aUserModelFileIsUsedAndCopiedOnSave(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("my-model.bin");
        Files.write(model, englishModelBytes());
        Tokenizer t = create(Map.of("modelFile", model.toString(), "language", "fr"));
        String text = "Qu'est-ce que c'est ? Oui.";
        Path dir = tmp.resolve("saved");
        t.save(dir);
        assertThat(dir.resolve("opennlp-tokenizer.bin")).hasSameBinaryContentAs(model);
        Files.delete(model);
        Tokenizer again = provider().load(dir);
        assertThat(again.tokenize(text)).isEqualTo(t.tokenize(text));
        assertThat(again.detokenize(again.split(text))).isEqualTo(t.detokenize(t.split(text)));
    }

    @Test
    void aMissingModelFileIsAClearError(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.bin");
        assertThatThrownBy(() -> create(Map.of("modelFile", missing.toString()))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not found").hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> create(Map.of("modelFile", tmp.toString()))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void truncatedOrWrongFormatModelFilesAreClearErrors(@TempDir Path tmp) throws IOException {
        byte[] real = englishModelBytes();
        Path truncated = tmp.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(real, real.length / 2));
        Path empty = tmp.resolve("empty.bin");
        Files.write(empty, new byte[0]);
        Path text = tmp.resolve("text.bin");
        Files.writeString(text, "this is not a model\n", StandardCharsets.UTF_8);
        Path otherZip = tmp.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(otherZip); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("manifest.properties"));
            zip.write("Component-Name=SentenceDetectorME\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        for (Path bad : List.of(truncated, empty, text, otherZip)) {
            assertThatThrownBy(() -> create(Map.of("modelFile", bad.toString()))).as(bad.toString())
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining(bad.toString())
                    .hasMessageContaining("not a readable OpenNLP tokenizer model");
        }
    }

    @Test
    void aSavedClassPathModelMustStillBeTheSameOnLoad(@TempDir Path dir) throws IOException {
        tokenizer().save(dir);
        Path file = dir.resolve(TokenizerFile.FILE_NAME);
        String json = Files.readString(file).replace("opennlp-en-ud-ewt-tokens", "opennlp-en-older-tokens");
        Files.writeString(file, json);
        assertThatThrownBy(() -> provider().load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("opennlp-en-older-tokens");
    }

    @Test
    void longWordsBypassTheModel() {
        Tokenizer t = create(Map.of("maxWordLength", 5));
        assertThat(t.split("short averylongword, ok.")).containsExactly("short", "averylongword", ",", "ok", ".");
        assertThatThrownBy(() -> create(Map.of("maxWordLength", 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tokenizer.maxWordLength").hasMessageContaining("at least 1");
    }
}
