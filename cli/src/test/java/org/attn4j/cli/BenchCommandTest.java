package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void anUnknownWorkloadOrGemmPathIsBadUsage() {
        CliRun w = CliRun.of("bench", "W7");
        assertThat(w.exitCode()).isEqualTo(Main.USAGE);
        assertThat(w.err()).contains("unknown workload 'W7'; available: [W1, W2, W3, W4, W5, W6]");

        CliRun g = CliRun.of("bench", "W4", "--gemm", "cuda");
        assertThat(g.exitCode()).isEqualTo(Main.USAGE);
        assertThat(g.err()).contains("unknown GEMM path 'cuda'; valid: [auto, native, vector, plain]");

        CliRun s = CliRun.of("bench", "W1", "--steps", "0");
        assertThat(s.exitCode()).isEqualTo(Main.USAGE);
        assertThat(s.err()).contains("--steps must be at least 1");

        assertThat(CliRun.of("bench").exitCode()).isEqualTo(Main.USAGE);

        CliRun noModel = CliRun.of("bench", "W6");
        assertThat(noModel.exitCode()).isEqualTo(Main.USAGE);
        assertThat(noModel.err()).contains("W6 needs --model MODEL_DIR");

        CliRun notW6 = CliRun.of("bench", "W1", "--backend", "onnx");
        assertThat(notW6.exitCode()).isEqualTo(Main.USAGE);
        assertThat(notW6.err()).contains("--model, --backend and --tokens are options of W6 only");

        CliRun badBackend = CliRun.of("bench", "W6", "--model", "m", "--backend", "tpu");
        assertThat(badBackend.exitCode()).isEqualTo(Main.USAGE);
        assertThat(badBackend.err()).contains("unknown backend 'tpu'; W6 runs on java or onnx");
    }

    @Test
    void w1EndsWithThePeersFinalLine() {
        // one step, to check the wiring and the output format only; never a speed assertion
        CliRun r = CliRun.of("bench", "w1", "--steps", "1", "--warmup", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("# W1 gemm=").contains("params=20,775,280");
        assertThat(r.lastOutLine()).matches("W1 attn4j tokens_per_s=\\d+");
    }
}
