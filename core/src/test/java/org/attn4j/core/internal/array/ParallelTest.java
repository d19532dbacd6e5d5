package org.attn4j.core.internal.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexIsVisitedExactlyOnceAtEverySize() {
        for (int n : new int[] {0, 1, 2, 7, Parallel.GRAIN - 1, Parallel.GRAIN, 3 * Parallel.GRAIN + 5, 1_000_003}) {
            for (int cost : new int[] {1, 8, 6000}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(n);
                Parallel.range(n, cost, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(seen.get(i)).as("index %d of %d (cost %d)", i, n, cost).isEqualTo(1);
                }
            }
        }
    }
}
