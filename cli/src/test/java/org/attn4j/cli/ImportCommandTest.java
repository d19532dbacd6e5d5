package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attn4j import} on the tiny Marian checkpoint Hugging Face made
 * ({@code shared/fixtures/hf/marian-tiny-en-fr}): the imported directory translates the reference
 * sentences to Hugging Face's decoded strings with {@code translate} (greedy and beam 4), fine-tunes
 * with {@code train} ({@code training.init_from}) on shipped Tatoeba pairs to a lower validation
 * loss, and the fine-tuned model exports to ONNX and decodes the same there. Checkpoints it cannot
 * take fail naming the file and key, with nothing left at {@code --out}.
 */
class ImportCommandTest {
    @TempDir
    static Path dir;
    static Path fixture;
    static Path model;
    static JsonNode reference;

    @BeforeAll
    static void findTheFixture() throws IOException {
        fixture = Path.of(System.getProperty("attn4j.fixtures", "../../shared/fixtures")).resolve("hf")
                .resolve("marian-tiny-en-fr");
        Assumptions.assumeTrue(Files.isDirectory(fixture), fixture + " not found (set -Dattn4j.fixtures):"
                + " Hugging Face import tests skipped");
        reference = new ObjectMapper().readTree(fixture.resolve("reference.json").toFile());
    }

    /** The fixture imported once, by the first test that needs it. */
    static synchronized Path imported() {
        if (model == null) {
            Path out = dir.resolve("en-fr");
            CliRun r = CliRun.of("import", "--from", fixture.toString(), "--out", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("imported");
            model = out;
        }
        return model;
    }

    @Test
    void theImportedModelTranslatesAsHuggingFaceDoes() throws IOException {
        for (String section : List.of("greedy", "beam4")) {
            List<String> texts = new ArrayList<>();
            List<String> want = new ArrayList<>();
            for (JsonNode g : reference.get(section)) {
                if (g.get("text").asText().isEmpty()) {
                    continue; // attn4j translates an empty line to an empty line; transformers decodes [</s>]
                }
                texts.add(g.get("text").asText());
                want.add(g.get("decoded").isArray() ? g.get("decoded").get(0).asText() : g.get("decoded").asText());
            }
            Path in = dir.resolve(section + ".en");
            Path out = dir.resolve(section + ".fr");
            Files.write(in, texts, StandardCharsets.UTF_8);
            // the references: max_new_tokens=20, so 20 tokens at most
            CliRun r = CliRun.of("translate", "--model", imported().toString(), "--input", in.toString(), "--output",
                    out.toString(), "--max-length", "20", "--beam", section.equals("greedy") ? "1" : "4");
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> got = Files.readAllLines(out, StandardCharsets.UTF_8);
            int same = 0;
            for (int i = 0; i < texts.size(); i++) {
                same += got.get(i).equals(want.get(i)) ? 1 : 0;
            }
            System.out.printf("attn4j translate on the imported Marian model, %s: %d/%d decoded strings identical to"
                    + " Hugging Face's%n", section, same, texts.size());
            assertThat(got).as(section).containsExactlyElementsOf(want);
        }
    }

    @Test
    void fineTuningLowersTheValidationLossAndStillExportsWithParity() throws IOException {
        Path ft = dir.resolve("ft");
        Files.createDirectories(ft);
        Path corpus = Path.of(System.getProperty("attn4j.projectData", "../data")).resolve("tatoeba-eng-fra.tsv");
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        Files.write(ft.resolve("pairs.tsv"), lines.subList(0, 1800), StandardCharsets.UTF_8);
        Files.writeString(ft.resolve("ft.yaml"), """
                data: {train: {tsv: pairs.tsv}, valid_size: 200}
                training:
                  init_from: %s
                  epochs: 2
                  max_tokens: 200
                  optimizer: {name: adam, lr: 0.001}
                  validate_bleu: false
                """.formatted(imported().toAbsolutePath()));
        Path tuned = ft.resolve("model");
        CliRun r = CliRun.of("train", "--config", ft.resolve("ft.yaml").toString(), "--out", tuned.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher before = Pattern.compile("validation loss before fine-tuning: ([0-9.]+)").matcher(r.out());
        assertThat(before.find()).as(r.out()).isTrue();
        double start = Double.parseDouble(before.group(1));
        List<Double> epochs = new ArrayList<>();
        Matcher m = Pattern.compile("valid loss ([0-9.]+)").matcher(r.out());
        while (m.find()) {
            epochs.add(Double.parseDouble(m.group(1)));
        }
        long steps;
        try (Stream<Path> s = Files.list(tuned.resolve("checkpoints"))) {
            steps = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-"))
                    .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElse(0);
        }
        System.out.printf("fine-tuning the imported Marian model: %d steps, validation loss %.4f -> %s%n", steps, start,
                epochs);
        assertThat(steps).isGreaterThanOrEqualTo(200);
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(1)).isLessThan(start);

        CliRun export = CliRun.of("export", "--model", tuned.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path in = ft.resolve("unseen.en");
        List<String> unseen = new ArrayList<>();
        for (String line : lines.subList(5000, 5040)) {
            unseen.add(line.split("\t")[0]);
        }
        Files.write(in, unseen, StandardCharsets.UTF_8);
        for (String beam : List.of("1", "4")) {
            List<List<String>> outputs = new ArrayList<>();
            for (String backend : List.of("java", "onnx")) {
                Path out = ft.resolve("unseen." + backend + beam + ".fr");
                CliRun t = CliRun.of("translate", "--model", tuned.toString(), "--input", in.toString(), "--output",
                        out.toString(), "--beam", beam, "--max-length", "30", "--backend", backend);
                assertThat(t.exitCode()).as(t.err()).isZero();
                outputs.add(Files.readAllLines(out, StandardCharsets.UTF_8));
            }
            assertThat(outputs.get(0)).hasSize(unseen.size());
            assertThat(outputs.get(1)).as("beam %s on ONNX Runtime", beam).containsExactlyElementsOf(outputs.get(0));
        }
    }

    @Test
    void aCheckpointItCannotTakeFailsNamingTheFileAndKeyAndWritesNothing() throws IOException {
        Path bad = copyOfFixture("other-type");
        editConfig(bad, c -> c.put("model_type", "t5"));
        refused(bad, "config.json", "model_type 't5'");

        bad = copyOfFixture("missing-weights");
        Files.delete(bad.resolve("model.safetensors"));
        refused(bad, "model.safetensors", "missing");

        bad = copyOfFixture("missing-spm");
        Files.delete(bad.resolve("target.spm"));
        refused(bad, "target.spm", "missing");

        bad = copyOfFixture("shape");
        editConfig(bad, c -> c.put("encoder_ffn_dim", 48));
        refused(bad, "model.safetensors", "fc1");

        bad = copyOfFixture("dtype");
        retypeFirstTensor(bad.resolve("model.safetensors"), "F32", "I32");
        refused(bad, "model.safetensors", "I32");
    }

    private static void refused(Path from, String file, String what) throws IOException {
        Path out = dir.resolve("refused-" + from.getFileName());
        CliRun r = CliRun.of("import", "--from", from.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.out()).isNotZero();
        assertThat(r.err()).as("error for %s", from.getFileName()).contains(file).contains(what)
                .doesNotContain("internal error");
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".refused-"));
        }
    }

    private static Path copyOfFixture(String name) throws IOException {
        Path copy = dir.resolve("bad").resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(fixture)) {
            for (Path f : s.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private interface Edit {
        void apply(ObjectNode config);
    }

    private static void editConfig(Path hf, Edit edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = (ObjectNode) json.readTree(hf.resolve("config.json").toFile());
        edit.apply(c);
        json.writeValue(hf.resolve("config.json").toFile(), c);
    }

    /** Rewrites the dtype of the first tensor in the safetensors header (same length, so offsets stay). */
    private static void retypeFirstTensor(Path file, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, n, StandardCharsets.UTF_8);
        String retyped = header.replaceFirst("\"dtype\":\\s*\"" + from + "\"", "\"dtype\":\"" + to + "\"");
        assertThat(retyped).isNotEqualTo(header);
        byte[] h = retyped.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(bytes, 8 + n, bytes.length - 8 - n);
        Files.write(file, out.array());
    }
}
