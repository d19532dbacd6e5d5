package org.attn4j.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.attn4j.core.pipeline.Attn4j;

/** A tiny LSTM model directory trained for one epoch on six pairs: for tests of files, not of numbers. */
final class TinyModelDirectory {
    private TinyModelDirectory() {
    }

    static void write(Path model) throws IOException {
        Path work = Files.createTempDirectory(model.getParent(), "tiny");
        Files.writeString(work.resolve("pairs.tsv"), "a b\tx y\nb c\ty z\nc a\tz x\na a b\tx x y\nc\tz\nb\ty\n");
        Files.writeString(work.resolve("tiny.yaml"), """
                data:
                  train: {tsv: pairs.tsv}
                tokenizer:
                  source: {name: whitespace}
                  target: {name: whitespace}
                model:
                  encoder: {name: rnn, cell: lstm, embedding_dim: 4, hidden: 4, bidirectional: true}
                  decoder: {name: rnn, cell: lstm, embedding_dim: 4, hidden: 6, attention: {name: additive}}
                training:
                  epochs: 1
                  validate_bleu: false
                """);
        Attn4j.train(work.resolve("tiny.yaml"), model, null);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
