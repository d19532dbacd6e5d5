package org.attn4j.tokenizers.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.attn4j.tokenizers.internal.LongIntMap;

/**
 * A trie over the UTF-8 bytes of strings, each string carrying an int value: the pieces of a
 * model (value: the piece id) or its user-defined symbols. A walk from one position visits the
 * strings that start there in order of length, so a Viterbi step over a text costs the length of
 * the longest piece, not the number of pieces. Immutable once built; safe to share.
 */
final class ByteTrie {
    private final LongIntMap children = new LongIntMap(-1);
    private int[] values = {-1};
    private int size = 1;

    /** Adds {@code key} with {@code value} (a non-negative int); a key added twice keeps the first value. */
    void add(String key, int value) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int node = 0;
        for (byte b : bytes) {
            long edge = LongIntMap.pair(node, b & 0xFF);
            int child = children.get(edge);
            if (child < 0) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                child = size;
                values[size++] = -1;
                children.put(edge, child);
            }
            node = child;
        }
        if (values[node] < 0) {
            values[node] = value;
        }
    }

    /** The child of {@code node} along byte {@code b}, or -1. Node 0 is the root. */
    int child(int node, byte b) {
        return children.get(LongIntMap.pair(node, b & 0xFF));
    }

    /** The value of the string that ends at {@code node}, or -1. */
    int value(int node) {
        return values[node];
    }

    /** The byte length of the longest key in {@code text} from {@code start}, or 0 if none starts there. */
    int longestMatch(byte[] text, int start, int end) {
        int node = 0;
        int best = 0;
        for (int i = start; i < end; i++) {
            node = child(node, text[i]);
            if (node < 0) {
                break;
            }
            if (values[node] >= 0) {
                best = i + 1 - start;
            }
        }
        return best;
    }

    boolean isEmpty() {
        return size == 1;
    }
}
