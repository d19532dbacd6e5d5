package org.attn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constantIsConstant() {
        Schedule s = Schedule.constant(3e-4);
        assertThat(s.lr(1)).isEqualTo(3e-4);
        assertThat(s.lr(1_000_000_000L)).isEqualTo(3e-4);
    }

    @Test
    void noamRisesLinearlyPeaksAtWarmupThenDecaysAsInverseSquareRoot() {
        int d = 512;
        int warmup = 4000;
        double factor = 2.0;
        NoamSchedule s = (NoamSchedule) Schedule.noam(d, warmup, factor);
        double peak = factor / Math.sqrt((double) d * warmup);
        assertThat(s.lr(warmup)).isCloseTo(peak, within(1e-15));
        assertThat(s.peak()).isEqualTo(s.lr(warmup));
        // Step 1 is on the linear branch: factor * d^-0.5 * warmup^-1.5.
        assertThat(s.lr(1)).isCloseTo(factor / Math.sqrt(d) / Math.pow(warmup, 1.5), within(1e-18));
        assertThat(s.lr(2000)).isCloseTo(peak / 2, within(1e-15));
        // After the peak: lr(4 * warmup) = peak / 2.
        assertThat(s.lr(4L * warmup)).isCloseTo(peak / 2, within(1e-15));
        for (long step = 2; step <= 3 * warmup; step += 7) {
            if (step <= warmup) {
                assertThat(s.lr(step)).as("step %d", step).isGreaterThan(s.lr(step - 1));
            } else {
                assertThat(s.lr(step)).as("step %d", step).isLessThan(s.lr(step - 1));
            }
            assertThat(s.lr(step)).isLessThanOrEqualTo(peak * (1 + 1e-12));
        }
    }

    @Test
    void warmupCosineHitsItsEndpoints() {
        double peak = 1e-3;
        double min = 1e-5;
        Schedule s = Schedule.warmupCosine(peak, 100, 1100, min);
        assertThat(s.lr(1)).isCloseTo(peak / 100, within(1e-18));
        assertThat(s.lr(50)).isCloseTo(peak / 2, within(1e-18));
        assertThat(s.lr(100)).isEqualTo(peak);
        assertThat(s.lr(600)).isCloseTo((peak + min) / 2, within(1e-15));
        assertThat(s.lr(1100)).isEqualTo(min);
        assertThat(s.lr(5000)).isEqualTo(min);
        for (long step = 101; step <= 1100; step++) {
            assertThat(s.lr(step)).as("step %d", step).isLessThan(s.lr(step - 1));
            assertThat(s.lr(step)).isBetween(min, peak);
        }
    }

    @Test
    void warmupCosineWithoutWarmupStartsDecayingAtOnce() {
        Schedule s = Schedule.warmupCosine(1.0, 0, 2, 0.0);
        assertThat(s.lr(1)).isCloseTo(0.5, within(1e-15));
        assertThat(s.lr(2)).isEqualTo(0.0);
    }

    @Test
    void stepsCountFromOne() {
        for (Schedule s : new Schedule[] {Schedule.constant(1), Schedule.noam(8, 10, 1), Schedule.warmupCosine(1, 1, 2, 0)}) {
            assertThatThrownBy(() -> s.lr(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schedule steps count from 1, got 0");
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> Schedule.constant(-1)).hasMessage("learning rate must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> Schedule.noam(512, 0, 1)).hasMessage("warmup must be > 0 steps, got 0");
        assertThatThrownBy(() -> Schedule.noam(0, 10, 1)).hasMessage("dModel must be > 0, got 0");
        assertThatThrownBy(() -> Schedule.warmupCosine(1, 10, 10, 0))
                .hasMessage("need 0 <= warmup < total, got warmup=10, total=10");
        assertThatThrownBy(() -> Schedule.warmupCosine(0.1, 1, 10, 0.2))
                .hasMessage("peak rate must be finite and >= min (0.2), got 0.1");
    }
}
