package org.attn4j.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Groups examples into batches bounded by token count, with length bucketing and a seeded
 * shuffle.
 *
 * <p>Each epoch: the example order is shuffled with a generator seeded by {@code seed + epoch};
 * the order is cut into pools of {@link #POOL_BATCHES} batches' worth of examples, each pool is
 * sorted by (source length, target length) so that a batch holds sentences of similar length and
 * little padding; batches are cut so that {@code rows * max(source, target + 1) <= maxTokens}; and
 * the batches are shuffled. A single example longer than {@code maxTokens} forms a batch alone.
 * The same seed and epoch always give the same batches, which makes resumed training exact.
 */
public final class Batcher {
    /** How many batches' worth of examples are sorted together. */
    static final int POOL_BATCHES = 50;

    private final List<Example> examples;
    private final int maxTokens;
    private final long seed;

    public Batcher(List<Example> examples, int maxTokens, long seed) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to batch");
        }
        this.examples = List.copyOf(examples);
        this.maxTokens = maxTokens;
        this.seed = seed;
    }

    /** The batches of epoch {@code epoch} (0-based). */
    public List<Batch> epoch(int epoch) {
        int n = examples.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed + epoch);
        shuffle(order, rng);
        long total = 0;
        for (Example e : examples) {
            total += cost(e);
        }
        int perBatch = (int) Math.max(1, maxTokens / Math.max(1, total / n));
        int pool = Math.max(1, perBatch * POOL_BATCHES);
        List<int[]> cuts = new ArrayList<>();
        for (int from = 0; from < n; from += pool) {
            int to = Math.min(n, from + pool);
            Integer[] chunk = new Integer[to - from];
            for (int i = from; i < to; i++) {
                chunk[i - from] = order[i];
            }
            java.util.Arrays.sort(chunk, (a, b) -> {
                int c = Integer.compare(examples.get(a).source().length, examples.get(b).source().length);
                return c != 0 ? c : Integer.compare(examples.get(a).target().length, examples.get(b).target().length);
            });
            cut(chunk, cuts);
        }
        int[] batchOrder = new int[cuts.size()];
        for (int i = 0; i < batchOrder.length; i++) {
            batchOrder[i] = i;
        }
        shuffle(batchOrder, rng);
        List<Batch> out = new ArrayList<>(cuts.size());
        for (int i : batchOrder) {
            out.add(Batch.of(examples, cuts.get(i)));
        }
        return out;
    }

    /** Padded size of one row holding this example. */
    private static int cost(Example e) {
        return Math.max(e.source().length, e.target().length + 1);
    }

    private void cut(Integer[] chunk, List<int[]> cuts) {
        List<Integer> current = new ArrayList<>();
        int widest = 0;
        for (int idx : chunk) {
            int w = Math.max(widest, cost(examples.get(idx)));
            if (!current.isEmpty() && (long) w * (current.size() + 1) > maxTokens) {
                cuts.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                w = cost(examples.get(idx));
            }
            current.add(idx);
            widest = w;
        }
        if (!current.isEmpty()) {
            cuts.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
