package org.attn4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.attn4j.core.internal.kernel.Kernels;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void workloadsAreFoundByIdInAnyCase() {
        assertThat(Workloads.all()).extracting(Workloads.Workload::id).containsExactly("W1", "W2", "W3", "W4", "W5", "W6");
        assertThat(Workloads.find("w4")).hasValueSatisfying(w -> assertThat(w.id()).isEqualTo("W4"));
        assertThat(Workloads.find("W9")).isEmpty();
    }

    @Test
    void medianIsPythonsStatisticsMedian() {
        assertThat(Samples.of(new double[] {3, 1, 2}).median()).isEqualTo(2);
        Samples even = Samples.of(new double[] {4, 1, 3, 2});
        assertThat(even.median()).isEqualTo(2.5);
        assertThat(even.min()).isEqualTo(1);
        assertThat(even.max()).isEqualTo(4);
        assertThatThrownBy(() -> Samples.of(new double[0])).hasMessageContaining("at least 1");
    }

    @Test
    void gemmTimingGivesThreeToFifteenPositiveSamples() {
        // the timing loop itself on a small shape; the figure is not checked (no speed in unit tests)
        double[] seconds = W4Gemm.time(Kernels.create("plain"), 8, 4, 8);
        assertThat(seconds.length).isBetween(3, 15);
        assertThat(java.util.Arrays.stream(seconds).min().orElseThrow()).isPositive();
        assertThat(W4Gemm.SHAPES).hasSize(5);
    }
}
