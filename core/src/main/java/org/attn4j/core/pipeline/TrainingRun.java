package org.attn4j.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.core.config.Attn4jConfig;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.config.DataConfig;
import org.attn4j.core.config.PluginConfig;
import org.attn4j.core.config.TextConfig;
import org.attn4j.core.data.Example;
import org.attn4j.core.data.ParallelCorpus;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.core.train.EpochResult;
import org.attn4j.core.train.Trainer;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.Tokenizers;

/**
 * Trains a model from a configuration file into a model directory ({@link ModelDirectory}):
 * reads the corpora, learns the tokenizers and vocabularies on the training side (or reuses the
 * ones already in the directory when resuming), builds the model, trains it, and leaves the best
 * weights in {@code weights.safetensors}. Running it again on the same directory resumes from
 * the last checkpoint.
 */
public final class TrainingRun {
    private final PluginRegistry plugins;
    private final PrintStream log;

    public TrainingRun(PluginRegistry plugins, PrintStream log) {
        this.plugins = plugins;
        this.log = log;
    }

    /**
     * What a run produced.
     *
     * @param initialValidLoss when fine-tuning ({@code training.init_from}), the validation loss of
     *                         the starting model before any step; NaN otherwise or without validation pairs
     */
    public record Result(ModelDirectory model, List<EpochResult> epochs, int trainPairs, int validPairs, int skippedPairs,
            double initialValidLoss) {
    }

    public Result run(Path configFile, Path out) {
        Attn4jConfig config = new ConfigReader().read(configFile, plugins);
        DataConfig data = config.data();
        if (data == null) {
            throw new ConfigurationException(configFile + ": training needs a 'data' section with at least 'data.train'");
        }
        Path base = configFile.toAbsolutePath().getParent();
        ParallelCorpus train = data.train().read(base);
        ParallelCorpus valid;
        if (data.valid() != null) {
            valid = data.valid().read(base);
        } else if (data.validSize() > 0) {
            if (data.validSize() >= train.size()) {
                throw new ConfigurationException("'data.valid_size' (" + data.validSize() + ") must be smaller than the "
                        + train.size() + " training pairs");
            }
            valid = train.slice(train.size() - data.validSize(), train.size());
            train = train.slice(0, train.size() - data.validSize());
        } else {
            valid = new ParallelCorpus(List.of(), List.of(), "none");
        }
        ModelDirectory md = new ModelDirectory(out);
        ModelDirectory init = null;
        if (config.training().initFrom() != null) {
            init = fineTuningStart(base.resolve(config.training().initFrom()));
            config = startFrom(init, configFile, md);
        } else {
            md.writeConfig(configFile);
        }
        Tokenizers tokenizers = Tokenizers.of(List.copyOf(plugins.all(PluginKind.TOKENIZER).values()));
        TextConfig text = config.text();
        TextCodec src = codec(md.source(), text, text.source(), train.sources(), tokenizers);
        TextCodec tgt = codec(md.target(), text, text.target(), train.targets(), tokenizers);
        List<Example> trainExamples = new ArrayList<>();
        int skipped = encode(train, src, tgt, data.maxLength(), trainExamples);
        List<Example> validExamples = new ArrayList<>();
        encode(valid, src, tgt, Integer.MAX_VALUE, validExamples);
        say("%d training pairs (%d longer than %d tokens left out), %d validation pairs; vocabularies %d / %d",
                trainExamples.size(), skipped, data.maxLength(), validExamples.size(), src.vocabulary().size(),
                tgt.vocabulary().size());
        Seq2SeqModel model = new ModelFactory(plugins).create(config.model(), src.vocabulary().size(),
                tgt.vocabulary().size(), config.training().seed());
        say("model: %,d parameters", model.parameterCount());
        if (init != null) {
            Checkpoint.loadInto(model, init.weights()); // a checkpoint in out, when resuming, replaces these
            say("fine-tuning from %s", init.root());
        }
        Trainer trainer = new Trainer(model, config.training().createOptimizer(model.namedParameters()),
                config.training().settings(), tgt.vocabulary().size(), md.checkpoints(), log);
        double initialLoss = Double.NaN;
        if (init != null && !validExamples.isEmpty()) {
            initialLoss = trainer.validationLoss(validExamples);
            say("validation loss before fine-tuning: %.4f", initialLoss);
        }
        List<EpochResult> epochs = trainer.fit(trainExamples, validExamples, valid.targets(), tgt::decode);
        publishBest(md);
        return new Result(md, epochs, trainExamples.size(), validExamples.size(), skipped, initialLoss);
    }

    /** The model directory {@code training.init_from} names, checked complete. */
    private static ModelDirectory fineTuningStart(Path dir) {
        try {
            return new ModelDirectory(dir).requireComplete();
        } catch (ModelFormatException e) {
            throw new ConfigurationException("'training.init_from': " + e.getMessage(), e);
        }
    }

    /**
     * Fine-tuning: {@code out}'s configuration is {@code init}'s with the sections of
     * {@code configFile} (data, training, and decoding or runtime if given) put over it, and
     * {@code out} starts with {@code init}'s tokenizers and vocabularies, so the ids stay the
     * model's. Returns the merged configuration.
     */
    private Attn4jConfig startFrom(ModelDirectory init, Path configFile, ModelDirectory md) {
        ObjectNode merged = (ObjectNode) ModelDirectory.readTree(init.config()).deepCopy();
        JsonNode own = ModelDirectory.readTree(configFile);
        own.properties().forEach(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
        ((ObjectNode) merged.get("training")).remove("init_from");
        md.writeConfig(merged);
        copyIfAbsent(init.source(), md.source());
        copyIfAbsent(init.target(), md.target());
        return new ConfigReader().read(md.config(), plugins);
    }

    /** Copies the files of {@code from} into {@code to} unless {@code to} already holds a vocabulary (resuming). */
    private static void copyIfAbsent(Path from, Path to) {
        if (Files.isRegularFile(to.resolve("vocab.json"))) {
            return;
        }
        createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path tmp = Files.createTempFile(to, "." + f.getFileName(), ".tmp");
                try {
                    Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, to.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " into " + to + ": " + e, e);
        }
    }

    private TextCodec codec(Path dir, TextConfig text, PluginConfig tokenizer, List<String> lines, Tokenizers tokenizers) {
        if (Files.isRegularFile(dir.resolve("vocab.json"))) {
            return TextCodec.load(dir, tokenizers); // resuming: the ids must stay the same
        }
        Map<String, Object> block = new LinkedHashMap<>(tokenizer.options().asMap());
        block.put("name", tokenizer.name());
        TextCodec codec = TextCodec.build(tokenizers.create(Options.of(tokenizer.options().where(), block), lines), lines,
                text.minFrequency(), text.maxSize() == 0 ? Integer.MAX_VALUE : text.maxSize());
        createDirectories(dir);
        codec.save(dir);
        return codec;
    }

    /** Encodes the pairs into {@code out}; returns how many were longer than {@code maxLength} and left out. */
    private static int encode(ParallelCorpus corpus, TextCodec src, TextCodec tgt, int maxLength, List<Example> out) {
        int skipped = 0;
        for (int i = 0; i < corpus.size(); i++) {
            int[] s = src.encode(corpus.sources().get(i), false, true);
            int[] t = tgt.encode(corpus.targets().get(i), false, false);
            if (s.length - 1 > maxLength || t.length > maxLength || s.length == 1 || t.length == 0) {
                skipped++;
                continue;
            }
            out.add(new Example(s, t));
        }
        return skipped;
    }

    /** Copies the best epoch's weights to {@code weights.safetensors}, atomically. */
    private static void publishBest(ModelDirectory md) {
        Path best = md.checkpoints().resolve("best").resolve(ModelDirectory.WEIGHTS);
        if (!Files.isRegularFile(best)) {
            return; // interrupted before the first epoch ended
        }
        try {
            Path tmp = Files.createTempFile(md.root(), ".weights", ".tmp");
            try {
                Files.copy(best, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, md.weights(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + md.weights(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.println(String.format(java.util.Locale.ROOT, format, args));
        }
    }
}
