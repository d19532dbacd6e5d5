package org.attn4j.cli;

import java.nio.file.Path;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.generate.Search;
import org.attn4j.core.pipeline.ModelDirectory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The decoding options shared by {@code translate} and {@code evaluate}, and the backend to decode on. */
final class SearchOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--beam", paramLabel = "N",
            description = "Beam size; 1 decodes greedily (default: the model's decoding.beam, else 1).")
    Integer beam;

    @Option(names = "--length-penalty", paramLabel = "A",
            description = "GNMT length-penalty exponent for beam search (default: the model's decoding.length_penalty,"
                    + " else 0.6).")
    Double lengthPenalty;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Longest output in tokens; 0 means 2 x source length + 10 (default: the model's"
                    + " decoding.max_length, else 0).")
    Integer maxLength;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Runtime: java (eager engine) or onnx (ONNX Runtime over MODEL_DIR/onnx, made by attn4j export);"
                    + " default: runtime.backend of the model's configuration, else java.")
    String backend;

    /** Checks the options given; call before reading any input. */
    void check() {
        if (beam != null && beam < 1) {
            throw new ParameterException(command.commandLine(), "--beam must be at least 1, got " + beam);
        }
        if ((maxLength != null && maxLength < 0) || (lengthPenalty != null && !(lengthPenalty >= 0))) {
            throw new ParameterException(command.commandLine(), "--max-length and --length-penalty must be >= 0");
        }
    }

    /** The search: the model's {@code decoding} section with each option given in place of its key. */
    Search search(Path modelDir) {
        return new ConfigReader().read(new ModelDirectory(modelDir).config()).decoding()
                .with(beam, lengthPenalty, maxLength).search();
    }
}
