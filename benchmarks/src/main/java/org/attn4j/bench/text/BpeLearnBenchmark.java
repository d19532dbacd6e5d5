package org.attn4j.bench.text;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.BpeTokenizerProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to learn 8,000 BPE merges jointly on Multi30k train.en + train.de (58,000 lines),
 * including normalisation and pre-tokenisation with the default {@code opennlp-simple}
 * pre-tokenizer. One learning run per measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class BpeLearnBenchmark {
    private List<String> lines;

    @Setup
    public void load() {
        lines = Corpora.jointTraining();
    }

    @Benchmark
    public Tokenizer learn8000Merges() {
        return new BpeTokenizerProvider().create(Options.of("bench", Map.of("merges", 8000)), lines);
    }
}
