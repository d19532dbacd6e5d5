package org.attn4j.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.HfBeamSearch;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.generate.Search;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.pipeline.Translator;

/**
 * Workload W6 (perf issue 16, {@code benchmarks/peer/README.md}): decoding with an OPUS-MT-sized
 * Marian model imported from a Hugging Face checkpoint, source length 24, exactly 32 generated
 * tokens (EOS and PAD never generated), greedy and beam 4 (Hugging Face's beam rules, the best
 * hypothesis), batch 1 and batch 83 (83 x 24 = 1,992 source tokens), on the {@code java} or
 * {@code onnx} backend with 2 threads.
 *
 * <p>Decoding goes through {@link Translator#search}: the backend's step function and the searches
 * {@code translate} uses ({@link GreedySearch}, {@link HfBeamSearch}), with the minimum length equal
 * to the cap, 32. Reported per configuration: generated tokens/s = batch x 32 / median decode
 * time (encoding included); at batch 1 the time to first token (a whole search call capped at one
 * token: encode and one step); once, the model load time ({@link Translator#open}, the directory
 * to a translator ready to decode; plugin discovery before it is printed apart) and the peak
 * resident set of the whole benchmark process ({@code VmHWM} of {@code /proc/self/status}); and
 * for parity with the peers, row 0's first tokens and a checksum of all rows (Marian ids).
 */
public final class W6MarianDecoding {
    /** Generated tokens per row. */
    static final int STEPS = 32;
    /** The large batch: 83 x 24 = 1,992 source tokens. */
    static final int BIG_BATCH = 83;
    /** Intra-op threads of the onnx backend, as the peers. */
    static final int THREADS = 2;

    private W6MarianDecoding() {
    }

    /**
     * One decoding configuration's figures.
     *
     * @param key       {@code greedy_b1}, {@code beam4_b83}, ...
     * @param decode    the timed whole decodes, seconds
     * @param tokens    every row's generated Marian ids {@code [batch][32]}
     */
    record Result(String key, Samples decode, int[][] tokens) {
        double tokensPerSecond() {
            return tokens.length * STEPS / decode.median();
        }
    }

    /**
     * Runs W6 on {@code modelDir} and returns the final-line fields.
     *
     * @param backend   {@code java} or {@code onnx}
     * @param tokensOut where to write every row's tokens (one line per row), or null
     */
    static String run(Path modelDir, String backend, Integer runs, Integer warmup, Path tokensOut, PrintWriter log) {
        long t0 = System.nanoTime();
        PluginRegistry plugins = PluginDiscovery.discover(PluginDiscovery.contextLoader());
        double discoverS = (System.nanoTime() - t0) / 1e9;
        W6Ids ids = W6Ids.read(modelDir);
        long t1 = System.nanoTime();
        Map<String, Result> results = new LinkedHashMap<>();
        Map<String, Double> ttft = new LinkedHashMap<>();
        double loadS;
        try (Translator tr = Translator.open(modelDir, plugins, new RuntimeConfig(backend, "cpu", THREADS, "all"))) {
            loadS = (System.nanoTime() - t1) / 1e9;
            int v = tr.sourceCodec().vocabulary().size();
            if (v != ids.hfVocabulary() + 1) {
                throw new IllegalStateException(modelDir + ": the model has " + v + " ids, but import.json records a"
                        + " Hugging Face vocabulary of " + ids.hfVocabulary() + " (expected " + (ids.hfVocabulary() + 1)
                        + ")");
            }
            log.printf(Locale.ROOT, "# W6 backend=%s load_s=%.2f (plugin discovery %.2f s apart) vocab=%d vmhwm_mb=%.0f%n",
                    tr.backend(), loadS, discoverS, ids.hfVocabulary(), vmHwmMb());
            log.flush();
            for (String search : List.of("greedy", "beam4")) {
                int[][] one = ids.toAttn4j(ids.hfSources(1));
                Search first = search(search, 1);
                double ttftS = BenchTiming.medianSeconds(runs == null ? 5 : runs, warmup == null ? 2 : warmup,
                        () -> tr.search(one, first, false));
                ttft.put(search, ttftS);
                for (int batch : new int[] {1, BIG_BATCH}) {
                    Result r = decode(tr, ids, search, batch, runs == null ? (batch == 1 ? 5 : 3) : runs,
                            warmup == null ? (batch == 1 ? 2 : 1) : warmup);
                    results.put(r.key(), r);
                    Samples s = r.decode();
                    log.printf(Locale.ROOT, "W6 %-10s decode_s median=%.4f min=%.4f max=%.4f (runs=%d) tok/s=%.1f%s"
                            + " row0=%s checksum=%d vmhwm_mb=%.0f%n", r.key(), s.median(), s.min(), s.max(), s.count(),
                            r.tokensPerSecond(), batch == 1 ? String.format(Locale.ROOT, " ttft_ms=%.1f", 1e3 * ttftS) : "",
                            Arrays.toString(Arrays.copyOf(r.tokens()[0], 8)), W6Ids.checksum(r.tokens()), vmHwmMb());
                    log.flush();
                }
            }
        }
        if (tokensOut != null) {
            writeTokens(tokensOut, results);
        }
        StringBuilder f = new StringBuilder("backend=" + backend);
        results.forEach((k, r) -> f.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.1f",
                r.tokensPerSecond())));
        ttft.forEach((k, s) -> f.append(String.format(Locale.ROOT, " ttft_ms_%s=%.1f", k, 1e3 * s)));
        f.append(String.format(Locale.ROOT, " load_s=%.2f peak_rss_mb=%.0f", loadS, vmHwmMb()));
        return f.toString();
    }

    /** The W6 search of that name with the cap {@code length}, EOS forbidden up to it. */
    static Search search(String name, int length) {
        return switch (name) {
            case "greedy" -> new GreedySearch(length).withMinLength(length);
            case "beam4" -> new HfBeamSearch(4, 1.0, false, false, 1, length).withMinLength(length);
            default -> throw new IllegalArgumentException("no W6 search '" + name + "'");
        };
    }

    /** Decodes the batch once untimed to check it, then times it. */
    static Result decode(Translator tr, W6Ids ids, String searchName, int batch, int runs, int warmup) {
        int[][] sources = ids.toAttn4j(ids.hfSources(batch));
        Search search = search(searchName, STEPS);
        int[][] tokens = tokens(tr.search(sources, search, false), ids);
        Samples s = Samples.of(timed(runs, warmup, () -> tr.search(sources, search, false)));
        return new Result(searchName + "_b" + batch, s, tokens);
    }

    private static double[] timed(int runs, int warmup, Runnable body) {
        BenchTiming.warmUp(runs, warmup, body);
        return BenchTiming.timedSeconds(runs, body);
    }

    /** The best hypothesis of each row as Marian ids; each must have exactly 32 tokens. */
    static int[][] tokens(List<List<Hypothesis>> hyps, W6Ids ids) {
        int[][] out = new int[hyps.size()][];
        for (int b = 0; b < out.length; b++) {
            int[] t = hyps.get(b).get(0).tokens();
            if (t.length != STEPS) {
                throw new IllegalStateException("row " + b + " decoded " + t.length + " tokens, not " + STEPS);
            }
            out[b] = ids.toHf(t);
        }
        return out;
    }

    /** Lines {@code KEY ROW id id ...}, the format {@code benchmarks/peer/w6_torch.py --compare} reads. */
    private static void writeTokens(Path file, Map<String, Result> results) {
        List<String> lines = new ArrayList<>();
        results.forEach((k, r) -> {
            for (int b = 0; b < r.tokens().length; b++) {
                StringBuilder line = new StringBuilder(k).append(' ').append(b);
                for (int id : r.tokens()[b]) {
                    line.append(' ').append(id);
                }
                lines.add(line.toString());
            }
        });
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the W6 tokens to " + file, e);
        }
    }

    /** This process's peak resident set ({@code VmHWM}) in MiB, or NaN where /proc is not there. */
    static double vmHwmMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
