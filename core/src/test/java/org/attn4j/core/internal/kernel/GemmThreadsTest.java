package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class GemmThreadsTest {

    @Test
    void runsEveryTaskExactlyOnce() {
        AtomicIntegerArray seen = new AtomicIntegerArray(37);
        GemmThreads.run(seen.length(), seen::incrementAndGet);
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("task %d", i).isEqualTo(1);
        }
    }

    @Test
    void rethrowsATaskFailureAfterTheOthersFinish() {
        AtomicIntegerArray seen = new AtomicIntegerArray(8);
        assertThatThrownBy(() -> GemmThreads.run(8, i -> {
            seen.incrementAndGet(i);
            if (i == 3) {
                throw new IllegalStateException("task 3 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 3 failed");
        for (int i = 0; i < 8; i++) {
            assertThat(seen.get(i)).isEqualTo(1);
        }
    }

    @Test
    void splitPointsAreAlignedAndCoverTheRange() {
        assertThat(GemmThreads.splitPoint(64, 2, 16, 0)).isZero();
        assertThat(GemmThreads.splitPoint(64, 2, 16, 1)).isEqualTo(32);
        assertThat(GemmThreads.splitPoint(64, 2, 16, 2)).isEqualTo(64);
        assertThat(GemmThreads.splitPoint(1024, 2, 6, 1)).isEqualTo(510);
        // fewer rows than one tile: the first range is empty, the second takes all
        assertThat(GemmThreads.splitPoint(5, 2, 6, 1)).isZero();
        assertThat(GemmThreads.threads()).isPositive();
    }
}
