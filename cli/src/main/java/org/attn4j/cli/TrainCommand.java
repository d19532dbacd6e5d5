package org.attn4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attn4j train}: trains a model from a configuration file; resumes from a checkpoint in MODEL_DIR. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = {"Trains a model described by a JSON or YAML configuration into MODEL_DIR.",
            "If MODEL_DIR holds a checkpoint, training resumes from it."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Configuration file (.json, .yaml).")
    private Path config;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model directory to write.")
    private Path out;

    @Override
    public Integer call() {
        PrintStream log = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        TrainingRun.Result r = Attn4j.train(config, out, log);
        log.printf("model written to %s (%d epochs this run)%n", r.model().root(), r.epochs().size());
        log.flush();
        return 0;
    }
}
