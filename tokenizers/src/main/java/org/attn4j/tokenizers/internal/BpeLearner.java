package org.attn4j.tokenizers.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns byte-pair-encoding merges (Sennrich et al., 2016) from word counts.
 *
 * <p>Each word type is a sequence of symbols; every step merges the most frequent adjacent pair
 * (counted over word frequencies) into a new symbol, ties broken by the pair's strings in
 * {@link String#compareTo} order, so the result does not depend on the corpus's line order.
 * Instead of recounting all pairs after each merge, it keeps the pair counts up to date
 * incrementally: an index from each pair to the words that contain it limits each step to the
 * affected words, and a priority queue with lazy invalidation finds the next best pair. Once
 * created, a pair's count can only fall (every new adjacency involves the new symbol), so a
 * queued count is an upper bound and a stale entry is re-queued with its current count when
 * popped. Learning stops early when no pair occurs {@code minPairFrequency} times.
 */
public final class BpeLearner {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final int[][] symbols;
    private final int[] lengths;
    private final int[] counts;
    private final LongIntMap pairCounts = new LongIntMap(0);
    private final Map<Long, IntList> index = new HashMap<>();
    private final PriorityQueue<Candidate> queue;

    private record Candidate(int count, long pair) {
    }

    private BpeLearner(Map<String, Integer> wordCounts) {
        queue = new PriorityQueue<>(Comparator.comparingInt(Candidate::count).reversed()
                .thenComparing(c -> names.get(LongIntMap.left(c.pair())))
                .thenComparing(c -> names.get(LongIntMap.right(c.pair()))));
        int n = wordCounts.size();
        symbols = new int[n][];
        lengths = new int[n];
        counts = new int[n];
        List<String> parts = new ArrayList<>();
        int w = 0;
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            parts.clear();
            Subwords.symbols(e.getKey(), parts);
            int[] s = new int[parts.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = intern(parts.get(i));
            }
            symbols[w] = s;
            lengths[w] = s.length;
            counts[w] = e.getValue();
            for (int i = 0; i + 1 < s.length; i++) {
                long p = LongIntMap.pair(s[i], s[i + 1]);
                pairCounts.add(p, counts[w]);
                index.computeIfAbsent(p, k -> new IntList()).add(w);
            }
            w++;
        }
        pairCounts.forEach((pair, count) -> queue.add(new Candidate(count, pair)));
    }

    /**
     * The merges, in the order learned, as {@code [left, right]} symbol pairs.
     *
     * @param wordCounts       word keys (see {@link Subwords#key}) with their corpus frequency
     * @param merges           how many merges to learn at most
     * @param minPairFrequency a pair occurring fewer times than this is never merged; at least 1
     */
    public static List<String[]> learn(Map<String, Integer> wordCounts, int merges, int minPairFrequency) {
        if (merges < 0 || minPairFrequency < 1) {
            throw new IllegalArgumentException("need merges >= 0 and minPairFrequency >= 1, got " + merges
                    + " and " + minPairFrequency);
        }
        return new BpeLearner(wordCounts).run(merges, minPairFrequency);
    }

    private List<String[]> run(int target, int minPairFrequency) {
        List<String[]> merges = new ArrayList<>(target);
        int[] seen = new int[symbols.length];
        Arrays.fill(seen, -1);
        HashSet<Long> created = new HashSet<>();
        while (merges.size() < target) {
            Candidate top = queue.poll();
            if (top == null) {
                break;
            }
            int current = pairCounts.get(top.pair());
            if (current != top.count()) {
                if (current > 0) {
                    queue.add(new Candidate(current, top.pair()));
                }
                continue;
            }
            if (current < minPairFrequency) {
                break;
            }
            int a = LongIntMap.left(top.pair());
            int b = LongIntMap.right(top.pair());
            int c = intern(names.get(a) + names.get(b));
            merges.add(new String[] {names.get(a), names.get(b)});
            int step = merges.size();
            created.clear();
            IntList words = index.remove(top.pair());
            for (int k = 0; words != null && k < words.size(); k++) {
                int w = words.get(k);
                if (seen[w] != step) {
                    seen[w] = step;
                    mergeWord(w, a, b, c, created);
                }
            }
            pairCounts.put(top.pair(), 0);
            for (long p : created) {
                int count = pairCounts.get(p);
                if (count > 0) {
                    queue.add(new Candidate(count, p));
                }
            }
        }
        return merges;
    }

    /** Replaces every {@code a b} in word {@code w} by {@code c}, keeping the pair tables exact. */
    private void mergeWord(int w, int a, int b, int c, HashSet<Long> created) {
        int[] s = symbols[w];
        int len = lengths[w];
        int f = counts[w];
        boolean found = false;
        for (int i = 0; i + 1 < len && !found; i++) {
            found = s[i] == a && s[i + 1] == b;
        }
        if (!found) {
            return;
        }
        for (int i = 0; i + 1 < len; i++) {
            pairCounts.add(LongIntMap.pair(s[i], s[i + 1]), -f);
        }
        int j = 0;
        for (int i = 0; i < len;) {
            if (i + 1 < len && s[i] == a && s[i + 1] == b) {
                s[j++] = c;
                i += 2;
            } else {
                s[j++] = s[i++];
            }
        }
        lengths[w] = j;
        for (int i = 0; i + 1 < j; i++) {
            long p = LongIntMap.pair(s[i], s[i + 1]);
            pairCounts.add(p, f);
            if (s[i] == c || s[i + 1] == c) {
                index.computeIfAbsent(p, k -> new IntList()).add(w);
                created.add(p);
            }
        }
    }

    private int intern(String symbol) {
        Integer id = ids.get(symbol);
        if (id == null) {
            id = names.size();
            names.add(symbol);
            ids.put(symbol, id);
        }
        return id;
    }
}
