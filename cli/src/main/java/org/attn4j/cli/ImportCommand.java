package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attn4j.api.Attn4jException;
import org.attn4j.hf.HfImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attn4j import --from HF_DIR --out MODEL_DIR}: converts a Hugging Face model directory
 * (see {@link HfImport}) into an attn4j model directory. Nothing is written to {@code --out}
 * unless the import completes.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = {"Converts a Hugging Face model directory (config.json, model.safetensors, tokenizer files)"
                + " into an attn4j model directory.",
            "Supported model_type: marian (MarianMTModel, the OPUS-MT models), bert (BertModel and the encoder of"
                    + " BertFor... checkpoints)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "HF_DIR",
            description = "The Hugging Face model directory (downloaded beforehand; attn4j downloads nothing).")
    private Path from;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "The attn4j model directory to create; must not exist or be empty.")
    private Path out;

    @Override
    public Integer call() {
        Path model;
        try {
            model = HfImport.importModel(from, out);
        } catch (OutOfMemoryError e) {
            // the import left nothing at --out (HfImport cleans up on any failure)
            throw new Attn4jException("the Java heap (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB) is too small to import " + from + "; give the JVM more with -Xmx (bin/attn4j:"
                    + " ATTN4J_JAVA_OPTS=-Xmx2g); BENCHMARKS.md states what an OPUS-MT-sized model needs", e);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("imported %s into %s%n", from, model);
        w.flush();
        return 0;
    }
}
