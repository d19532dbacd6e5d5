package org.attn4j.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.onnx.Manifest;
import org.attn4j.onnx.OnnxExporter;
import org.attn4j.onnx.OnnxForward;

/**
 * Workload W5 of {@code shared/bench/WORKLOADS.md}: the inference forward of the W2 model
 * (teacher-forced logits {@code [64, 16, 6000]} for random source and target ids, lengths 16/16)
 * through ONNX Runtime, timed like the peer's {@code ort/OrtBench.java} on the PyTorch export:
 * the model's forward graph is exported to a temporary directory (deleted afterwards), opened with
 * 2 intra-op threads, 1 inter-op thread, sequential execution and every graph optimisation; the
 * input tensors are made once; 3 warm-up runs, then the median of 20, each run including the
 * creation of ORT's output tensor and not a copy of it into Java (as OrtBench). The same batch is
 * then timed on the eager Java engine (no gradients, inference mode) the same way, and the two
 * outputs are compared (largest absolute difference, printed).
 * <pre>
 * java -cp cli/target/attn4j.jar org.attn4j.cli.bench.W5OnnxForward [runs warmup]
 * </pre>
 * Prints a line per engine, {@code W5 attn4j-java fwd_ms w2=..} for the eager engine, and ends
 * with {@code W5 attn4j fwd_ms w2=..} (the ONNX Runtime median), the peers' form.
 */
public final class W5OnnxForward {
    /** ONNX Runtime intra-op threads, as the peer's run_w5_ort.sh. */
    static final int THREADS = 2;
    private static final int B = 64;
    private static final int S = 16;
    private static final int T = 16;

    private W5OnnxForward() {
    }

    /**
     * The timings of one model at one shape.
     *
     * @param ort    ONNX Runtime forward, seconds
     * @param eager  eager Java forward, seconds
     * @param maxAbs largest absolute difference between the two engines' logits
     */
    record Result(Samples ort, Samples eager, double maxAbs) {
    }

    /** W5: the W2 model at batch 64, lengths 16/16. */
    static Result w2(int runs, int warmup, PrintWriter log) {
        return run(W2TransformerTraining.model(0), W2TransformerTraining.SRC_V, W2TransformerTraining.TGT_V, B, S, T,
                runs, warmup, log);
    }

    /**
     * Times the forward of {@code model} on ONNX Runtime and on the eager engine for one random
     * batch {@code [batch, srcLen]} / {@code [batch, tgtLen]} (ids never PAD, so no padding).
     */
    static Result run(Seq2SeqModel model, int sourceVocabulary, int targetVocabulary, int batch, int srcLen,
            int tgtLen, int runs, int warmup, PrintWriter log) {
        SplittableRandom data = new SplittableRandom(1);
        long[] src = BenchTiming.randomIds(data, batch * srcLen, sourceVocabulary);
        long[] tgt = BenchTiming.randomIds(data, batch * tgtLen, targetVocabulary);
        Path dir;
        try {
            dir = Files.createTempDirectory("attn4j-w5-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the forward graph", e);
        }
        try {
            Path file = dir.resolve("forward.onnx");
            long t0 = System.nanoTime();
            Manifest.GraphSpec spec = OnnxExporter.exportForward(model, targetVocabulary, tgtLen, file);
            log.printf(Locale.ROOT, "# exported %s (%.1f MB) in %.1f s; params=%,d%n", file, size(file) / 1e6,
                    (System.nanoTime() - t0) / 1e9, model.parameterCount());
            log.flush();
            float[] ortLogits;
            Timed ort;
            try (OnnxForward f = OnnxForward.open(file, spec, targetVocabulary, new RuntimeConfig("onnx", "cpu", THREADS,
                    "all")); OnnxForward.Inputs in = f.inputs(src, batch, srcLen, tgt, tgtLen)) {
                ortLogits = f.logits(src, batch, srcLen, tgt, tgtLen);
                ort = time(runs, warmup, () -> {
                    try (OnnxForward.Logits out = f.run(in)) {
                        if (out.shape()[0] != batch) {
                            throw new IllegalStateException("ONNX Runtime returned a batch of " + out.shape()[0]);
                        }
                    }
                });
            }
            print(log, "ort", ort, batch, srcLen, tgtLen, "intra=" + THREADS + " inter=1 sequential all_opt");
            float[] eagerLogits = eager(model, src, batch, srcLen, tgt, tgtLen);
            Timed eager = time(runs, warmup, () -> eager(model, src, batch, srcLen, tgt, tgtLen));
            print(log, "java", eager, batch, srcLen, tgtLen, "eager, no grad, " + Runtime.getRuntime().availableProcessors()
                    + " processors");
            double maxAbs = maxAbs(ortLogits, eagerLogits);
            log.printf(Locale.ROOT, "# maxabs ort vs java=%.2e; java/ort=%.2f%n", maxAbs,
                    eager.samples().median() / ort.samples().median());
            log.printf(Locale.ROOT, "W5 attn4j-java fwd_ms w2=%.2f%n", 1e3 * eager.samples().median());
            log.flush();
            return new Result(ort.samples(), eager.samples(), maxAbs);
        } finally {
            deleteTree(dir, log);
        }
    }

    private static float[] eager(Seq2SeqModel model, long[] src, int batch, int srcLen, long[] tgt, int tgtLen) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        return ops.noGrad(() -> {
            Tensor s = ops.constantIds(src, batch, srcLen);
            Tensor logits = model.logits(ops, s, ops.notEqual(s, Vocabulary.PAD), ops.constantIds(tgt, batch, tgtLen));
            return ((EagerTensor) logits).floats();
        });
    }

    /** Timed samples and, over the timed runs, this process's CPU share and the other processes' busy cores. */
    private record Timed(Samples samples, double cpuShare, double othersCores) {
    }

    /** {@code warmup} untimed runs, then {@code runs} timed ones. */
    private static Timed time(int runs, int warmup, Runnable body) {
        BenchTiming.warmUp(runs, warmup, body);
        double cpu0 = Noise.processCpuSeconds();
        double busy0 = Noise.machineBusySeconds();
        long wall0 = System.nanoTime();
        double[] seconds = BenchTiming.timedSeconds(runs, body);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double ours = Noise.processCpuSeconds() - cpu0;
        double busy = Noise.machineBusySeconds() - busy0;
        return new Timed(Samples.of(seconds), ours / wall, Double.isNaN(busy) ? Double.NaN : Math.max(0, busy - ours) / wall);
    }

    private static void print(PrintWriter log, String engine, Timed t, int batch, int srcLen, int tgtLen, String how) {
        Samples s = t.samples();
        log.printf(Locale.ROOT, "W5 %-4s forward b%d %d/%d: ms median=%.2f min=%.2f max=%.2f (runs=%d, %s)"
                + " cpu_share=%.2f others=%.2f%n", engine, batch, srcLen, tgtLen, 1e3 * s.median(), 1e3 * s.min(),
                1e3 * s.max(), s.count(), how, t.cpuShare(), t.othersCores());
        log.flush();
    }

    static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("the engines' logits differ in size: " + a.length + " and " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Best effort: a leftover temporary file is reported, not allowed to hide the figures or an earlier error. */
    private static void deleteTree(Path dir, PrintWriter log) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.println("# could not delete the temporary forward graph in " + dir + ": " + e.getMessage());
            log.flush();
        }
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        PrintWriter out = new PrintWriter(System.out, true);
        Result r = w2(runs, warmup, out);
        out.printf(Locale.ROOT, "W5 attn4j fwd_ms w2=%.2f%n", 1e3 * r.ort().median());
    }
}
