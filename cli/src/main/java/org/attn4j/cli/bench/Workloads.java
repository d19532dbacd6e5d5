package org.attn4j.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.attn4j.core.internal.kernel.Gemm;

/**
 * The workloads {@code attn4j bench} runs, by id. Each one returns the fields of its final line,
 * which the command prints as {@code ID attn4j FIELDS}, the form of the peer scripts
 * ({@code W1 torch tokens_per_s=1151} there, {@code W1 attn4j tokens_per_s=841} here), so
 * one script can run both and divide.
 *
 * <p>Adding a workload is one entry in {@link #ALL}: its id, a one-line description and a
 * function from the settings to the final-line fields, for example
 * <pre>{@code
 * new Workload("W2", "Transformer training step, batch 64, lengths 16/16",
 *         (s, log) -> "tokens_per_s=" + whole(W2TransformerTraining.tokensPerSecond(s.steps(20), s.warmup(3), log)))
 * }</pre>
 */
public final class Workloads {
    /**
     * Settings from the command line; null where not given (each workload has its defaults).
     * {@code model}, {@code backend} and {@code tokens} are W6's: the imported model directory,
     * the backend to decode on, and where to write the generated tokens.
     */
    public record Settings(Integer steps, Integer warmup, Gemm gemm, Path model, String backend, Path tokens) {
        /** The settings of W1 to W5, which take no model. */
        public Settings(Integer steps, Integer warmup, Gemm gemm) {
            this(steps, warmup, gemm, null, null, null);
        }

        /** Timed repetitions, or {@code dflt} when not given. */
        public int steps(int dflt) {
            return steps == null ? dflt : steps;
        }

        /** Untimed warm-up repetitions, or {@code dflt} when not given. */
        public int warmup(int dflt) {
            return warmup == null ? dflt : warmup;
        }
    }

    /** Runs a workload; progress lines go to {@code log}, the final-line fields are returned. */
    @FunctionalInterface
    public interface Runner {
        String run(Settings settings, PrintWriter log);
    }

    /** One workload of {@code shared/bench/WORKLOADS.md}. */
    public record Workload(String id, String description, Runner runner) {
        /** Whether the workload decodes a model given with {@code --model} (W6). */
        public boolean needsModel() {
            return id.equals("W6");
        }
    }

    private static final List<Workload> ALL = List.of(
            new Workload("W1", "Bahdanau GRU seq2seq training step, batch 64, lengths 16/16 (tokens/s)",
                    (s, log) -> "tokens_per_s=" + whole(W1RnnTraining.tokensPerSecond(s.steps(20), s.warmup(3), log))),
            new Workload("W2", "Transformer training step (d 256, 3+3 layers, 8 heads), batch 64, lengths 16/16 (tokens/s)",
                    (s, log) -> "tokens_per_s=" + whole(W2TransformerTraining.tokensPerSecond(s.steps(20), s.warmup(3)))),
            new Workload("W3", "greedy decoding of 32 tokens with the W2 model, batch 1 and 32, without and with the cache",
                    (s, log) -> {
                        StringBuilder f = new StringBuilder("tok_per_s");
                        W3GreedyDecoding.tokensPerSecond(s.steps(10), s.warmup(2))
                                .forEach((k, v) -> f.append(' ').append(k).append('=').append(whole(v)));
                        return f.toString();
                    }),
            new Workload("W4", "single GEMM C = A B at the five shapes of the peer (best median GFLOP/s)",
                    (s, log) -> "best_gflops=" + String.format(Locale.ROOT, "%.1f", W4Gemm.bestGflops(s.gemm(), log))),
            new Workload("W5", "inference forward (teacher-forced logits) of the W2 model on ONNX Runtime, and on the Java"
                    + " engine, batch 64, lengths 16/16 (ms)",
                    (s, log) -> "fwd_ms w2=" + String.format(Locale.ROOT, "%.2f",
                            1e3 * W5OnnxForward.w2(s.steps(20), s.warmup(3), log).ort().median())),
            new Workload("W6", "decoding with an OPUS-MT-sized Marian model (--model, imported), source 24, 32 tokens,"
                    + " greedy and beam 4, batch 1 and 83 (tokens/s, time to first token, load time, peak RSS)",
                    (s, log) -> W6MarianDecoding.run(s.model(), s.backend() == null ? "java" : s.backend(), s.steps(),
                            s.warmup(), s.tokens(), log)));

    private Workloads() {
    }

    /** Every workload, in id order. */
    public static List<Workload> all() {
        return ALL;
    }

    /** The workload {@code id} (any case). */
    public static Optional<Workload> find(String id) {
        return ALL.stream().filter(w -> w.id().equalsIgnoreCase(id)).findFirst();
    }

    /** A rate as the peers print it, {@code %.0f}. */
    public static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
