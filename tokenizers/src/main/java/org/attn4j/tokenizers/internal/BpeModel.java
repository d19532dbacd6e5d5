package org.attn4j.tokenizers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies learned BPE merges to words. A word key (see {@link Subwords#key}) starts as its base
 * symbols; repeatedly, the adjacent pair with the lowest merge rank is merged, all its
 * occurrences left to right, until no adjacent pair has a rank. {@link #encode} does this with
 * a heap of (rank, position) over a linked list of symbols, in {@code O(n log n)} for a word of
 * {@code n} symbols (a 1 MB "word" must not take quadratic time); {@link #encodeReference} is
 * the plain quadratic loop it is tested against. Results for words of up to
 * {@value #CACHED_WORD_LENGTH} chars are cached (at most {@value #CACHE_LIMIT} words).
 * Thread-safe.
 */
public final class BpeModel {
    /** Longest word key that is cached. */
    static final int CACHED_WORD_LENGTH = 64;
    /** Most words the cache holds; beyond it, words are encoded without being remembered. */
    static final int CACHE_LIMIT = 200_000;
    private static final int DEAD = Integer.MIN_VALUE;

    private final List<String[]> merges;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final LongIntMap ranks = new LongIntMap(-1);
    private final int[] results;
    private final ConcurrentHashMap<String, String[]> cache = new ConcurrentHashMap<>();

    /** @param merges the merges in rank order, as {@code [left, right]}; a repeated pair keeps its first rank */
    public BpeModel(List<String[]> merges) {
        this.merges = List.copyOf(merges);
        results = new int[merges.size()];
        for (int r = 0; r < merges.size(); r++) {
            String[] m = merges.get(r);
            if (m == null || m.length != 2 || m[0] == null || m[1] == null || m[0].isEmpty() || m[1].isEmpty()) {
                throw new IllegalArgumentException("merge " + r + " must be two non-empty symbols");
            }
            long pair = LongIntMap.pair(intern(m[0]), intern(m[1]));
            results[r] = intern(m[0] + m[1]);
            if (ranks.get(pair) < 0) {
                ranks.put(pair, r);
            }
        }
    }

    /** The merges in rank order (unmodifiable; do not change the arrays). */
    public List<String[]> merges() {
        return merges;
    }

    /** The subwords of a word key. */
    public String[] encode(String key) {
        if (key.length() > CACHED_WORD_LENGTH) {
            return encodeHeap(key);
        }
        String[] hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        String[] out = encodeHeap(key);
        if (cache.size() < CACHE_LIMIT) {
            cache.putIfAbsent(key, out);
        }
        return out;
    }

    private String[] encodeHeap(String key) {
        List<String> unknown = new ArrayList<>();
        int[] sym = baseSymbols(key, unknown);
        int n = sym.length;
        if (n == 0) {
            return new String[0];
        }
        int[] next = new int[n];
        int[] prev = new int[n];
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
            if (i + 1 < n) {
                queue(heap, sym[i], sym[i + 1], i);
            }
        }
        while (!heap.isEmpty()) {
            long e = heap.pop();
            int rank = (int) (e >>> 32);
            int i = (int) e;
            int j = next[i];
            if (sym[i] == DEAD || j < 0 || rank(sym[i], sym[j]) != rank) {
                continue;
            }
            sym[i] = results[rank];
            sym[j] = DEAD;
            next[i] = next[j];
            if (next[i] >= 0) {
                prev[next[i]] = i;
                queue(heap, sym[i], sym[next[i]], i);
            }
            if (prev[i] >= 0) {
                queue(heap, sym[prev[i]], sym[i], prev[i]);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i >= 0; i = next[i]) {
            out.add(name(sym[i], unknown));
        }
        return out.toArray(new String[0]);
    }

    /** The reference encoder: find the lowest-ranked pair, merge all its occurrences, repeat. */
    public String[] encodeReference(String key) {
        List<String> unknown = new ArrayList<>();
        int[] sym = baseSymbols(key, unknown);
        int n = sym.length;
        while (true) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                int r = rank(sym[i], sym[i + 1]);
                if (r >= 0 && r < best) {
                    best = r;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            int a = ids.get(merges.get(best)[0]);
            int b = ids.get(merges.get(best)[1]);
            int j = 0;
            for (int i = 0; i < n;) {
                if (i + 1 < n && sym[i] == a && sym[i + 1] == b) {
                    sym[j++] = results[best];
                    i += 2;
                } else {
                    sym[j++] = sym[i++];
                }
            }
            n = j;
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = name(sym[i], unknown);
        }
        return out;
    }

    private void queue(LongHeap heap, int left, int right, int position) {
        int r = rank(left, right);
        if (r >= 0) {
            heap.push(((long) r << 32) | position);
        }
    }

    private int rank(int left, int right) {
        return left < 0 || right < 0 ? -1 : ranks.get(LongIntMap.pair(left, right));
    }

    /** Symbol ids of the key; symbols no merge knows get negative ids into {@code unknown}. */
    private int[] baseSymbols(String key, List<String> unknown) {
        List<String> parts = new ArrayList<>();
        Subwords.symbols(key, parts);
        int[] sym = new int[parts.size()];
        for (int i = 0; i < sym.length; i++) {
            Integer id = ids.get(parts.get(i));
            if (id == null) {
                unknown.add(parts.get(i));
                id = -unknown.size();
            }
            sym[i] = id;
        }
        return sym;
    }

    private String name(int id, List<String> unknown) {
        return id >= 0 ? names.get(id) : unknown.get(-id - 1);
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
