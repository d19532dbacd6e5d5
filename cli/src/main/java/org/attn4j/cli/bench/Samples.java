package org.attn4j.cli.bench;

import java.util.Arrays;

/**
 * Summary of timed samples (seconds): median (the mean of the two middle values for an even
 * count, as Python's {@code statistics.median}), minimum and maximum.
 */
record Samples(double median, double min, double max, int count) {

    /**
     * @throws IllegalArgumentException if there is no sample
     */
    static Samples of(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no timed sample: the number of timed repetitions must be at least 1");
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Samples(median, sorted[0], sorted[n - 1], n);
    }
}
