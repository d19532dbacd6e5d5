package org.attn4j.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.pipeline.Attn4j;

/**
 * A small model trained briefly in the test on the shipped Tatoeba data (the first 1,000
 * English–French pairs, bi-GRU 48 + Bahdanau decoder with additive attention, BPE 400 merges,
 * 6 epochs: some 20 seconds here), exported to ONNX; and 50 real English sentences it never saw
 * (pairs 2,000 to 2,049).
 */
final class TatoebaModel {
    static final PluginRegistry PLUGINS = PluginDiscovery.discover(TatoebaModel.class.getClassLoader());

    private TatoebaModel() {
    }

    static Path corpus() {
        return Path.of(System.getProperty("attn4j.projectData", "../data")).resolve("tatoeba-eng-fra.tsv");
    }

    /** Writes the corpus's first 1,000 pairs to {@code dir}/pairs.tsv, the training file the tests' configurations name. */
    static void writePairs(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(corpus(), StandardCharsets.UTF_8).subList(0, 1000);
        Files.write(dir.resolve("pairs.tsv"), lines, StandardCharsets.UTF_8);
    }

    /** Trains and exports into {@code dir}/model; returns the model directory. */
    static Path trainAndExport(Path dir) {
        try {
            writePairs(dir);
            Path config = dir.resolve("gru.yaml");
            Files.writeString(config, """
                    data:
                      train: {tsv: pairs.tsv}
                    tokenizer:
                      source: {name: bpe, merges: 400}
                      target: {name: bpe, merges: 400}
                    model:
                      encoder: {name: rnn, cell: gru, embedding_dim: 32, hidden: 48, bidirectional: true}
                      decoder: {name: rnn, cell: gru, embedding_dim: 32, hidden: 64, attention: {name: additive, dim: 48}}
                    training:
                      epochs: 6
                      max_tokens: 1200
                      optimizer: {name: adam, lr: 0.005}
                      clip_norm: 1.0
                      validate_bleu: false
                    """);
            Path model = dir.resolve("model");
            Attn4j.train(config, model, null);
            OnnxExporter.export(model, PLUGINS);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 50 English sentences outside the training pairs. */
    static List<String> sentences() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(corpus(), StandardCharsets.UTF_8).subList(2000, 2050)) {
                out.add(line.substring(0, line.indexOf('\t')));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a model directory (for tests that damage it). */
    static Path copy(Path model, Path to) {
        try (var files = Files.walk(model)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(model.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
