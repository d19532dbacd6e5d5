package org.attn4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attn4j.cli.heatmap.AttentionMap;
import org.attn4j.cli.heatmap.Heatmaps;
import org.attn4j.core.data.CorpusReader;
import org.attn4j.core.data.ParallelCorpus;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.metrics.ChrF;
import org.attn4j.core.pipeline.TrainingRun;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.attn4j.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn4j demo}: trains a small English→French attention model (bi-GRU encoder, Bahdanau
 * GRU decoder, additive attention) on the Tatoeba pairs shipped in the jar ({@link DemoCorpus}),
 * then prints example translations and BLEU on held-out pairs and draws an attention heatmap.
 *
 * <p>Layout of {@code --out}: {@code model/} (a model directory for {@code translate},
 * {@code evaluate} and {@code attention}), {@code demo.yaml} (the configuration it was trained
 * with), {@code data/train.tsv} and {@code data/heldout.tsv}, {@code attention.png} and
 * {@code attention.html}. Running the demo again on the same folder resumes from the model's
 * last checkpoint (a larger {@code --epochs} trains on).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = {"Trains a small English->French attention model on the Tatoeba pairs shipped with attn4j,",
            "prints example translations and held-out BLEU, and draws an attention heatmap.",
            "Everything is left in DIR: model/ (use it with translate, evaluate, attention), attention.png/.html."})
final class DemoCommand implements Callable<Integer> {
    /** Pairs at the end of the corpus that training never sees. */
    static final int HELD_OUT = 300;
    /** Pairs before those, used to pick the best epoch. */
    static final int VALID = 200;
    private static final int EXAMPLES = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "attn4j-demo",
            description = "Folder for the model and the pictures (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8",
            description = "Training epochs (default: ${DEFAULT-VALUE}, a few minutes on 2 cores).")
    private int epochs;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Use only the first N training pairs (tests); 0 for all.")
    private int pairs;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (pairs < 0) {
            throw new ParameterException(spec.commandLine(), "--pairs must be >= 0, got " + pairs);
        }
        long start = System.nanoTime();
        PrintWriter w = spec.commandLine().getOut();
        List<String> corpus = DemoCorpus.lines();
        List<String> train = corpus.subList(0, corpus.size() - HELD_OUT);
        if (pairs > 0) {
            train = train.subList(0, Math.min(train.size(), Math.max(pairs, VALID + 1)));
        }
        Path config = prepare(train, corpus.subList(corpus.size() - HELD_OUT, corpus.size()));
        w.printf("attn4j demo: English -> French, %,d training pairs, %d held out%n", train.size(), HELD_OUT);
        w.println("data: " + DemoCorpus.ATTRIBUTION);
        w.flush();

        PluginRegistry plugins = PluginDiscovery.discover(PluginDiscovery.contextLoader());
        // On a terminal the trainer redraws its progress bar in place, which it does only on System.out.
        PrintStream log = System.console() != null ? System.out
                : new PrintStream(new WriterOutputStream(w), true, StandardCharsets.UTF_8);
        Path modelDir = out.resolve("model");
        new TrainingRun(plugins, log).run(config, modelDir);
        log.flush();

        ParallelCorpus heldOut = CorpusReader.readTsv(out.resolve("data").resolve("heldout.tsv"), 0, 1);
        List<Translation> translations;
        try (Translator translator = Translator.open(modelDir, plugins)) {
            translations = translator.translate(heldOut.sources(), new GreedySearch(0), true);
        }
        List<String> hyps = translations.stream().map(Translation::text).toList();
        w.println();
        w.println("examples (held out, greedy decoding):");
        for (int i = 0; i < EXAMPLES; i++) {
            w.println("  en:        " + heldOut.sources().get(i));
            w.println("  fr (ref):  " + heldOut.targets().get(i));
            w.println("  fr (attn4j): " + hyps.get(i));
        }
        double bleu = Bleu.builder().build().corpusScore(hyps, List.of(heldOut.targets())).score();
        double chrf = ChrF.builder().build().corpusScore(hyps, List.of(heldOut.targets())).score();
        w.printf(Locale.ROOT, "held-out BLEU %.2f, chrF %.2f on %d pairs (sacreBLEU defaults)%n", bleu, chrf, hyps.size());

        Translation first = translations.get(0);
        List<AttentionMap> map = List.of(AttentionMap.of(first));
        List<String> caption = List.of("Source: " + heldOut.sources().get(0), "Translation: " + first.text());
        for (String name : List.of("attention.png", "attention.html")) {
            Heatmaps.write(out.resolve(name), map, 1, caption);
        }
        w.println("attention heatmap of the first example: " + out.resolve("attention.png") + ", "
                + out.resolve("attention.html"));
        exportToOnnx(w, modelDir, plugins, heldOut.sources(), hyps);
        w.printf(Locale.ROOT, "done in %s; the model is in %s%n", minutes((System.nanoTime() - start) / 1e9), modelDir);
        w.println("next: echo \"I like cats.\" | bin/attn4j translate --model " + modelDir + " --beam 5");
        w.println("      bin/attn4j attention --model " + modelDir + " --text \"Where is the station?\" --out map.png");
        w.flush();
        return 0;
    }

    /**
     * Exports {@code modelDir} to {@code modelDir/onnx}, translates the held-out sources again
     * under ONNX Runtime with the same greedy search, and reports how many translations are the
     * same as the Java engine's.
     */
    private static void exportToOnnx(PrintWriter w, Path modelDir, PluginRegistry plugins, List<String> sources,
            List<String> javaTranslations) {
        long start = System.nanoTime();
        OnnxExporter.export(modelDir, plugins);
        List<String> onnx;
        try (Translator translator = Translator.open(modelDir, plugins, "onnx")) {
            onnx = translator.translate(sources, new GreedySearch(0), false).stream().map(Translation::text).toList();
        }
        int same = 0;
        for (int i = 0; i < onnx.size(); i++) {
            if (onnx.get(i).equals(javaTranslations.get(i))) {
                same++;
            }
        }
        w.printf(Locale.ROOT, "exported to %s; ONNX Runtime gives the same translation for %d of %d held-out sentences"
                + " (%.1f s)%n", modelDir.resolve(OnnxExporter.DIRECTORY), same, onnx.size(), (System.nanoTime() - start) / 1e9);
    }

    /** Writes the corpora and the configuration into {@code --out}; returns the configuration file. */
    private Path prepare(List<String> train, List<String> heldOut) {
        try {
            Path data = Files.createDirectories(out.resolve("data"));
            Files.write(data.resolve("train.tsv"), train, StandardCharsets.UTF_8);
            Files.write(data.resolve("heldout.tsv"), heldOut, StandardCharsets.UTF_8);
            Path config = out.resolve("demo.yaml");
            Files.writeString(config, configuration(epochs), StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + out, e);
        }
    }

    /** The demo's model and training settings, as a configuration file (docs/configuration.md). */
    static String configuration(int epochs) {
        return String.format(Locale.ROOT, """
                # attn4j demo: English->French on the shipped Tatoeba pairs (written by `attn4j demo`)
                data:
                  train: {tsv: data/train.tsv}
                  valid_size: %d
                tokenizer:
                  source: {name: bpe, merges: 1000}
                  target: {name: bpe, merges: 1000}
                model:
                  encoder: {name: rnn, cell: gru, embedding_dim: 96, hidden: 128, bidirectional: true}
                  decoder: {name: rnn, cell: gru, embedding_dim: 96, hidden: 192, attention: {name: additive, dim: 128}}
                training:
                  epochs: %d
                  max_tokens: 1200
                  optimizer: {name: adam, lr: 0.003}
                  clip_norm: 1.0
                  validate_bleu: false
                """, VALID, epochs);
    }

    private static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d min", s / 60, s % 60);
    }
}
