package org.attn4j.tokenizers.sentencepiece;

import org.attn4j.api.ModelFormatException;

/**
 * The {@code precompiled_charsmap} of a normaliser spec: the rules of {@code nmt_nfkc},
 * {@code nfkc} and the like compiled into a Darts-clone double array over UTF-8 bytes, whose
 * values are offsets into a blob of NUL-terminated replacement strings.
 *
 * <p>Layout: a little-endian uint32 {@code n}, then {@code n} bytes of double-array units
 * (little-endian uint32 each), then the replacement blob. A unit packs, as Darts-clone does,
 * a leaf flag (bit 8), a label (bits 0-7, bit 31 set on value units), an offset (bits 10-31,
 * shifted left by 8 more when bit 9 is set) and, on a value unit, the value (bits 0-30).
 * Looking up a text walks it from the root, one byte at a time, XOR-ing offsets and labels;
 * every node with a leaf is a rule that matches a prefix, and the longest one wins
 * ({@link #longestMatch}).
 */
final class CharsMap {
    private final int[] units;
    private final byte[] normalized;
    private final int normalizedStart;

    private CharsMap(int[] units, byte[] blob, int normalizedStart) {
        this.units = units;
        this.normalized = blob;
        this.normalizedStart = normalizedStart;
    }

    /** Parses {@code blob}; {@code file} names the model in errors. */
    static CharsMap parse(byte[] blob, String file) {
        if (blob.length < 4) {
            throw new ModelFormatException(file + ": normalizer_spec.precompiled_charsmap of " + blob.length
                    + " bytes is too short to hold its trie size");
        }
        long trieSize = le32(blob, 0) & 0xFFFFFFFFL;
        if (trieSize % 4 != 0 || trieSize == 0 || trieSize > blob.length - 4) {
            throw new ModelFormatException(file + ": normalizer_spec.precompiled_charsmap declares a trie of " + trieSize
                    + " bytes, but " + (blob.length - 4) + " bytes follow (and it must be a positive multiple of 4)");
        }
        int[] units = new int[(int) (trieSize / 4)];
        for (int i = 0; i < units.length; i++) {
            units[i] = le32(blob, 4 + 4 * i);
        }
        return new CharsMap(units, blob, 4 + (int) trieSize);
    }

    /**
     * A cursor for {@link Lookup#longestMatch}, which keeps the last match's replacement; the
     * map itself is immutable, so each normalisation takes its own cursor.
     */
    Lookup lookup() {
        return new Lookup();
    }

    /** One thread's view of the map. */
    final class Lookup {
        private int value;

        /** Byte length of the longest rule matching {@code text[start, end)}, or 0. */
        int longestMatch(byte[] text, int start, int end) {
            int longest = 0;
            int node = 0;
            int unit = units[0];
            node ^= offset(unit);
            for (int i = start; i < end; i++) {
                int label = text[i] & 0xFF;
                node ^= label;
                if (node < 0 || node >= units.length) {
                    return longest;
                }
                unit = units[node];
                if ((unit & 0x800000FF) != label) {
                    return longest;
                }
                node ^= offset(unit);
                if (((unit >>> 8) & 1) != 0) {
                    if (node < 0 || node >= units.length) {
                        throw new IllegalStateException("precompiled_charsmap leaf points outside the trie");
                    }
                    longest = i + 1 - start;
                    value = units[node] & 0x7FFFFFFF;
                }
            }
            return longest;
        }

        /** The replacement bytes of the last match: from {@link #replacementStart} to its NUL. */
        int replacementStart() {
            return normalizedStart + value;
        }

        int replacementEnd() {
            if (normalizedStart + value >= normalized.length) {
                throw new IllegalStateException("precompiled_charsmap rule points past its replacement blob");
            }
            int i = normalizedStart + value;
            while (i < normalized.length && normalized[i] != 0) {
                i++;
            }
            return i;
        }

        byte[] blob() {
            return normalized;
        }
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
