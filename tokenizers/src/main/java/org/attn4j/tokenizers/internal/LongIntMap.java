package org.attn4j.tokenizers.internal;

import java.util.Arrays;

/**
 * An open-addressing hash map from non-negative {@code long} keys to {@code int} values, for
 * the BPE pair tables (a pair of symbol ids packed into one long), without boxing. Entries are
 * never removed; a count that drops to zero stays as zero. Not thread-safe while written.
 */
public final class LongIntMap {
    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] values;
    private int size;
    private final int missing;

    /** @param missing the value {@link #get} returns for an absent key */
    public LongIntMap(int missing) {
        this.missing = missing;
        keys = new long[64];
        Arrays.fill(keys, EMPTY);
        values = new int[64];
    }

    /** Packs two non-negative ints into a key. */
    public static long pair(int left, int right) {
        return ((long) left << 32) | right;
    }

    public static int left(long pair) {
        return (int) (pair >>> 32);
    }

    public static int right(long pair) {
        return (int) pair;
    }

    public int size() {
        return size;
    }

    public int get(long key) {
        int slot = find(key);
        return keys[slot] == EMPTY ? missing : values[slot];
    }

    public void put(long key, int value) {
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            insert(slot, key, value);
        } else {
            values[slot] = value;
        }
    }

    /** Adds {@code delta} to the value of {@code key} (absent counts as 0) and returns the sum. */
    public int add(long key, int delta) {
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            insert(slot, key, delta);
            return delta;
        }
        values[slot] += delta;
        return values[slot];
    }

    /** Calls {@code action} for every entry, in no particular order. */
    public void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** Receives one entry of {@link #forEach}. */
    @FunctionalInterface
    public interface Entry {
        void accept(long key, int value);
    }

    private void insert(int slot, long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("keys must be non-negative, got " + key);
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
