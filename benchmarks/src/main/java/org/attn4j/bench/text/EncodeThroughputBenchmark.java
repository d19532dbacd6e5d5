package org.attn4j.bench.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.Tokenizers;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding throughput, text to ids ({@link TextCodec#encode}: normalise, split, look up ids),
 * on the 2,000 lines of Multi30k test2016.en + test2016.de, one thread. The {@code tokens}
 * counter is the tokens per second; the primary score is passes over the 2,000 lines per
 * second. BPE uses 8,000 merges learned jointly on train.en + train.de; every vocabulary is
 * built from the training text (minimum frequency 2 for word tokenizers, 1 for bpe and char).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EncodeThroughputBenchmark {

    @Param({"whitespace", "opennlp-simple", "opennlp", "bpe", "char"})
    public String tokenizer;

    private TextCodec codec;
    private List<String> lines;

    /** Tokens encoded, reported per second next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
        }
    }

    @Setup
    public void build() {
        List<String> training = Corpora.jointTraining();
        Tokenizers tokenizers = Tokenizers.discover(getClass().getClassLoader());
        Tokenizer t = tokenizers.create(Options.of("bench", Map.of("name", tokenizer)),
                tokenizer.equals("bpe") ? training : null);
        boolean subwords = tokenizer.equals("bpe") || tokenizer.equals("char");
        codec = TextCodec.build(t, training, subwords ? 1 : 2, Integer.MAX_VALUE);
        lines = new ArrayList<>(Corpora.multi30k("test2016.en"));
        lines.addAll(Corpora.multi30k("test2016.de"));
    }

    @Benchmark
    public long encodeTest2016(Counts counts) {
        long sum = 0;
        for (String line : lines) {
            int[] ids = codec.encode(line);
            counts.tokens += ids.length;
            sum += ids.length == 0 ? 0 : ids[0];
        }
        return sum;
    }
}
