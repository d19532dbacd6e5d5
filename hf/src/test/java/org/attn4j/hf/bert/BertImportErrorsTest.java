package org.attn4j.hf.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.attn4j.api.ModelFormatException;
import org.attn4j.hf.HfImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken copies of the bert-tiny fixture: each import fails with a message naming the file and
 * the key, and leaves nothing at the output path (nor a temporary directory beside it). Also the
 * {@code bert.} prefix and task heads of the {@code BertFor...} models, which are accepted.
 */
class BertImportErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A writable copy of the fixture. */
    private Path copy() throws IOException {
        Path src = BertParityTest.fixture();
        Path dir = tmp.resolve("hf");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
                dir.resolve(f.getFileName()).toFile().setWritable(true);
            }
        }
        return dir;
    }

    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        edit.accept(config);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
    }

    /** Imports and expects a failure whose message holds every part; checks nothing was left behind. */
    private void fails(Path from, String... parts) throws IOException {
        Path out = tmp.resolve("out").resolve("model");
        assertThatThrownBy(() -> HfImport.importModel(from, out)).isInstanceOf(ModelFormatException.class)
                .satisfies(e -> {
                    System.out.println("BERT import refused: " + e.getMessage());
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
        assertThat(out).doesNotExist();
        if (Files.isDirectory(out.getParent())) {
            try (Stream<Path> left = Files.list(out.getParent())) {
                assertThat(left.toList()).as("nothing left beside the output").isEmpty();
            }
        }
    }

    @Test
    void aMissingVocabularyOrWeightsFileIsNamed() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("vocab.txt"));
        fails(dir, dir.resolve("vocab.txt").toString(), "missing");
        Files.delete(dir.resolve("model.safetensors"));
        fails(dir, dir.resolve("model.safetensors").toString(), "missing");
    }

    @Test
    void anotherArchitectureIsRefusedNamingTheKey() throws IOException {
        Path dir = copy();
        editConfig(dir, c -> c.put("model_type", "roberta"));
        fails(dir, dir.resolve("config.json").toString(), "model_type 'roberta'", "bert");
        editConfig(dir, c -> c.put("model_type", "bert").putArray("architectures").add("BertLMHeadModel"));
        fails(dir, dir.resolve("config.json").toString(), "architectures[0]", "BertLMHeadModel");
        editConfig(dir, c -> c.putArray("architectures").add("BertModel"));
        editConfig(dir, c -> c.put("hidden_act", "gelu_new"));
        fails(dir, dir.resolve("config.json").toString(), "'hidden_act'", "gelu_new");
        editConfig(dir, c -> c.put("hidden_act", "gelu").put("position_embedding_type", "relative_key"));
        fails(dir, dir.resolve("config.json").toString(), "'position_embedding_type'", "relative_key");
    }

    @Test
    void aShapeThatDisagreesWithConfigIsNamed() throws IOException {
        Path dir = copy();
        editConfig(dir, c -> c.put("intermediate_size", 48));
        fails(dir, dir.resolve("model.safetensors").toString(), "'encoder.layer.0.intermediate.dense.weight'",
                "[64, 32]", "[48, 32]", "config.json");
        editConfig(dir, c -> c.put("intermediate_size", 64).put("max_position_embeddings", 512));
        fails(dir, "'embeddings.position_embeddings.weight'", "[128, 32]", "[512, 32]");
        editConfig(dir, c -> c.put("max_position_embeddings", 128).put("vocab_size", 600));
        fails(dir, dir.resolve("vocab.txt").toString(), "696 tokens", "vocab_size");
    }

    @Test
    void anUnsupportedDtypeIsNamed() throws IOException {
        Path dir = copy();
        Path weights = dir.resolve("model.safetensors");
        Path original = tmp.resolve("original.safetensors");
        Files.move(weights, original);
        SafeTensorsEdit.copy(original, weights, h -> ((ObjectNode) h.get("pooler.dense.bias")).put("dtype", "I32"),
                new byte[0]);
        fails(dir, weights.toString(), "'pooler.dense.bias'", "I32");
    }

    @Test
    void anUnknownTensorOrSpecialTokenIsNamed() throws IOException {
        Path dir = copy();
        Path weights = dir.resolve("model.safetensors");
        Path original = tmp.resolve("original.safetensors");
        Files.move(weights, original);
        long end = SafeTensorsEdit.dataLength(original);
        SafeTensorsEdit.copy(original, weights, h -> tensor(h, "encoder.extra.weight", end), new byte[8]);
        fails(dir, weights.toString(), "unexpected tensor 'encoder.extra.weight'");
        Files.copy(original, weights, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode tok = (ObjectNode) JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        tok.put("cls_token", "<s>");
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tok);
        fails(dir, dir.resolve("tokenizer_config.json").toString(), "'cls_token'", "<s>");
    }

    /** The keys of a BertForMaskedLM: {@code bert.} prefix and a {@code cls.} head, which is skipped and listed. */
    @Test
    void theEncoderOfATaskModelIsImportedAndItsHeadListed() throws IOException {
        Path dir = copy();
        Path weights = dir.resolve("model.safetensors");
        Path original = tmp.resolve("original.safetensors");
        Files.move(weights, original);
        long end = SafeTensorsEdit.dataLength(original);
        SafeTensorsEdit.copy(original, weights, h -> {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = h.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            for (String name : names) {
                if (!name.equals("__metadata__")) {
                    h.set("bert." + name, h.remove(name));
                }
            }
            tensor(h, "cls.predictions.bias", end);
        }, new byte[8]);
        editConfig(dir, c -> c.putArray("architectures").add("BertForMaskedLM"));
        Path out = HfImport.importModel(dir, tmp.resolve("imported"));
        JsonNode provenance = JSON.readTree(out.resolve("import.json").toFile());
        assertThat(provenance.get("not_imported").toString()).contains("cls.predictions.bias");
        BertEncoder fromTask = BertEncoder.load(out);
        BertEncoder plain = BertEncoder.load(BertParityTest.fixture());
        BertOutput a = fromTask.encode(List.of("The cat chased the mouse across the room."));
        BertOutput b = plain.encode(List.of("The cat chased the mouse across the room."));
        assertThat(a.lastHiddenState()).isDeepEqualTo(b.lastHiddenState());
        assertThat(a.pooledOutput()).isDeepEqualTo(b.pooledOutput());
    }

    /** Adds an F32 tensor of two values at data offset {@code start}. */
    private static void tensor(ObjectNode header, String name, long start) {
        ObjectNode t = header.putObject(name);
        t.put("dtype", "F32");
        t.putArray("shape").add(2);
        t.putArray("data_offsets").add(start).add(start + 8);
    }
}
