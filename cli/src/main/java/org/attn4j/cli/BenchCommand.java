package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attn4j.api.Attn4jException;
import org.attn4j.cli.bench.Workloads;
import org.attn4j.cli.bench.Workloads.Workload;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn4j bench W1|...|W6}: runs one workload of {@code shared/bench/WORKLOADS.md} (W6: perf
 * issue 16, {@code benchmarks/peer/README.md}) and ends
 * with the peer scripts' final line ({@code W1 attn4j tokens_per_s=...}). {@code --gemm} picks
 * the engine's GEMM path for the whole run, as the system property {@code attn4j.gemm} would.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = {"Runs a benchmark workload of shared/bench/WORKLOADS.md and prints its final line",
            "in the peer scripts' form, e.g. 'W1 attn4j tokens_per_s=841'. Workloads:",
            "  W1  Bahdanau GRU seq2seq training step, batch 64, lengths 16/16 (target tokens/s)",
            "  W2  Transformer training step (d 256, 3+3 layers, 8 heads), batch 64, lengths 16/16 (tokens/s)",
            "  W3  greedy decoding, 32 tokens, batch 1 and 32, without and with the key/value cache (tokens/s)",
            "  W4  single GEMM at the five shapes of w4_gemm.py (best median GFLOP/s)",
            "  W5  forward of the W2 model on ONNX Runtime and on the Java engine, batch 64, 16/16 (median ms)",
            "  W6  decoding with an OPUS-MT-sized model imported from Hugging Face (--model), source 24, 32 tokens,",
            "      greedy and beam 4, batch 1 and 83, on --backend java or onnx (tokens/s, first token, load, RSS)",
            "Run it on a quiet machine; compare only with peer figures taken in the same session."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "Workload id: W1, W2, W3, W4, W5 or W6.")
    private String workload;

    @Option(names = "--gemm", paramLabel = "PATH",
            description = "GEMM path: native (the machine's BLAS), vector (pure Java, Vector API), plain "
                    + "(pure Java reference) or auto (default: the attn4j.gemm property, else auto).")
    private String gemm;

    @Option(names = "--steps", paramLabel = "N", description = "Timed steps (W1, W2: default 20), decoding runs (W3: default 10;"
            + " W6: 5 at batch 1, 3 at batch 83) or forwards (W5: default 20), as the peers.")
    private Integer steps;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up steps for W1 (default: 3, as the peer) or"
            + " decodes for W6 (2 at batch 1, 1 at batch 83).")
    private Integer warmup;

    @Option(names = "--model", paramLabel = "MODEL_DIR", description = "W6: the model attn4j import made from the W6"
            + " checkpoint (and attn4j export, for --backend onnx).")
    private Path model;

    @Option(names = "--backend", paramLabel = "NAME", description = "W6: java (default) or onnx.")
    private String backend;

    @Option(names = "--tokens", paramLabel = "FILE", description = "W6: writes every row's generated tokens (Hugging"
            + " Face ids), for w6_torch.py --compare.")
    private Path tokens;

    @Override
    public Integer call() {
        Workload w = Workloads.find(workload).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown workload '" + workload + "'; available: "
                        + Workloads.all().stream().map(Workload::id).toList()));
        if ((steps != null && steps < 1) || (warmup != null && warmup < 0)) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 1 and --warmup at least 0");
        }
        if (w.needsModel() != (model != null) || (!w.needsModel() && (backend != null || tokens != null))) {
            throw new ParameterException(spec.commandLine(), w.needsModel() ? w.id() + " needs --model MODEL_DIR"
                    : "--model, --backend and --tokens are options of W6 only");
        }
        if (backend != null && !backend.equals("java") && !backend.equals("onnx")) {
            throw new ParameterException(spec.commandLine(), "unknown backend '" + backend + "'; W6 runs on java or onnx");
        }
        if (gemm != null && !gemm.equals("auto") && !Kernels.PATHS.contains(gemm)) {
            throw new ParameterException(spec.commandLine(), "unknown GEMM path '" + gemm
                    + "'; valid: [auto, native, vector, plain]");
        }
        Gemm engine = selectGemm();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("# %s: %s; gemm=%s, %d cores%n", w.id(), w.description(), engine.name(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        String fields = w.runner().run(new Workloads.Settings(steps, warmup, engine, model, backend, tokens), out);
        out.println(w.id() + " attn4j " + fields);
        out.flush();
        return 0;
    }

    /**
     * Makes {@code --gemm} the engine's GEMM. The engine chooses once per JVM, on first use; if it
     * already chose another path (the command run inside a host that trained before), that is an
     * error rather than a mislabelled figure.
     */
    private Gemm selectGemm() {
        if (gemm != null) {
            System.setProperty(Kernels.PROPERTY, gemm);
        }
        Gemm engine;
        try {
            engine = Kernels.gemm();
        } catch (IllegalStateException e) {
            throw new Attn4jException("GEMM path '" + gemm + "' cannot run here: " + e.getMessage(), e);
        }
        if (gemm != null && !gemm.equals("auto") && !engine.name().equals(gemm)) {
            throw new Attn4jException("this JVM already uses GEMM path '" + engine.name() + "'; run the benchmark in a new "
                    + "JVM to measure '" + gemm + "'");
        }
        return engine;
    }
}
