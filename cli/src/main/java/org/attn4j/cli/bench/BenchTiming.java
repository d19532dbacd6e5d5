package org.attn4j.cli.bench;

/** Timing shared by the workload runners: the median of timed repetitions after warm-up, as the peers report. */
final class BenchTiming {
    private BenchTiming() {
    }

    /** Runs {@code body} {@code warmup} times untimed, then {@code runs} times timed; returns the median seconds. */
    static double medianSeconds(int runs, int warmup, Runnable body) {
        warmUp(runs, warmup, body);
        return Samples.of(timedSeconds(runs, body)).median();
    }

    /**
     * Checks the repetition counts, then runs {@code body} {@code warmup} times untimed.
     *
     * @throws IllegalArgumentException unless {@code runs >= 1} and {@code warmup >= 0}
     */
    static void warmUp(int runs, int warmup, Runnable body) {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("need runs >= 1 and warmup >= 0, got runs " + runs + ", warmup " + warmup);
        }
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
    }

    /** Runs {@code body} {@code runs} times and returns each run's seconds. */
    static double[] timedSeconds(int runs, Runnable body) {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    /** Random ids in {@code [4, vocabulary)}: real tokens, never padding or the special ids. */
    static long[] randomIds(java.util.SplittableRandom rng, int n, int vocabulary) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 4 + rng.nextInt(vocabulary - 4);
        }
        return ids;
    }
}
