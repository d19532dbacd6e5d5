package org.attn4j.tokenizers.sentencepiece;

import java.util.Arrays;

/** Pieces of a normalised text as byte ranges with their ids, in text order. Not thread-safe. */
final class Segments {
    private int[] data = new int[48];
    private int size;

    void add(int start, int end, int id) {
        if (3 * size + 3 > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[3 * size] = start;
        data[3 * size + 1] = end;
        data[3 * size + 2] = id;
        size++;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return data[3 * i];
    }

    int end(int i) {
        return data[3 * i + 1];
    }

    int id(int i) {
        return data[3 * i + 2];
    }

    /** Reverses the order, for segmentations found back to front. */
    void reverse() {
        for (int i = 0, j = size - 1; i < j; i++, j--) {
            for (int k = 0; k < 3; k++) {
                int t = data[3 * i + k];
                data[3 * i + k] = data[3 * j + k];
                data[3 * j + k] = t;
            }
        }
    }
}
