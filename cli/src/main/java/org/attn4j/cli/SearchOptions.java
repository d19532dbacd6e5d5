package org.attn4j.cli;

import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Search;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The decoding options shared by {@code translate} and {@code evaluate}, and the backend to decode on. */
final class SearchOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--beam", paramLabel = "N", defaultValue = "1",
            description = "Beam size; 1 decodes greedily (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--length-penalty", paramLabel = "A", defaultValue = "0.6",
            description = "GNMT length-penalty exponent for beam search (default: ${DEFAULT-VALUE}).")
    double lengthPenalty;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "0",
            description = "Longest output in tokens; 0 means 2 x source length + 10 (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Runtime: java (eager engine) or onnx (ONNX Runtime over MODEL_DIR/onnx, made by attn4j export);"
                    + " default: runtime.backend of the model's configuration, else java.")
    String backend;

    Search search() {
        if (beam < 1) {
            throw new ParameterException(command.commandLine(), "--beam must be at least 1, got " + beam);
        }
        if (maxLength < 0 || lengthPenalty < 0) {
            throw new ParameterException(command.commandLine(), "--max-length and --length-penalty must be >= 0");
        }
        return beam == 1 ? new GreedySearch(maxLength)
                : BeamSearch.builder(beam).optLengthPenalty(lengthPenalty).optMaxLength(maxLength).build();
    }
}
