package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.core.pipeline.AveragedModel;
import org.attn4j.core.pipeline.LoadedModel;
import org.attn4j.core.pipeline.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attn4j average --model DIR --out NEW_DIR}: a new model directory whose weights are the
 * mean of checkpoints of {@code DIR} (by default every {@code step-*} checkpoint the run kept;
 * {@code --last N}, {@code --best} and {@code --checkpoint PATH} choose others). See
 * {@link AveragedModel}.
 */
@Command(name = "average", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Writes a new model directory whose weights are the mean of checkpoints of a trained model.")
final class AverageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Trained model directory.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "NEW_MODEL_DIR",
            description = "The averaged model directory to write; it must not exist.")
    private Path out;

    @Option(names = "--last", paramLabel = "N",
            description = "The N newest checkpoints in MODEL_DIR/checkpoints. Default: all of them, unless"
                    + " --checkpoint is given.")
    private Integer last;

    @Option(names = "--best", description = "Also the best epoch's weights (MODEL_DIR/checkpoints/best).")
    private boolean best;

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "A checkpoint directory or weights file to include (repeatable).")
    private List<Path> extra = new ArrayList<>();

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " already exists; give a new directory");
        }
        ModelDirectory md = new ModelDirectory(model).requireComplete();
        List<Path> kept = Checkpoint.list(md.checkpoints());
        List<Path> chosen = new ArrayList<>();
        if (last != null || extra.isEmpty()) {
            int n = last == null ? kept.size() : last;
            if (n < 1 || n > kept.size()) {
                throw new ParameterException(spec.commandLine(), "--last " + n + ": " + md.checkpoints() + " holds "
                        + kept.size() + " checkpoint(s) " + names(kept));
            }
            chosen.addAll(kept.subList(kept.size() - n, kept.size()));
        }
        if (best) {
            chosen.add(md.checkpoints().resolve("best"));
        }
        chosen.addAll(extra);
        if (chosen.size() < 2) {
            throw new ParameterException(spec.commandLine(), "averaging needs at least two checkpoints; chosen: "
                    + names(chosen) + " (add --best or --checkpoint PATH)");
        }
        PluginRegistry plugins = PluginDiscovery.discover(PluginDiscovery.contextLoader());
        LoadedModel m = AveragedModel.write(md, chosen, out, plugins);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("averaged %d checkpoints %s into %s (%,d parameters)%n", chosen.size(), names(chosen), out,
                m.model().parameterCount());
        w.flush();
        return 0;
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }
}
