package org.attn4j.tokenizers.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * BPE segmentation as SentencePiece does it: the normalised text starts as one symbol per
 * character (a user-defined symbol is one frozen symbol); then, repeatedly, the adjacent pair
 * whose concatenation is the highest-scoring piece is merged (ties: the leftmost pair), until
 * no adjacent pair forms a piece. A merged symbol that is an unused piece is split back into
 * the two symbols it was last made of. A symbol that is not a piece is the unknown id. Pairs wait in
 * a priority queue, so the cost is {@code O(n log n)} in the text length. Immutable and
 * thread-safe.
 */
final class BpeEncoder {
    private final Map<ByteKey, Integer> pieces;
    private final Map<ByteKey, Integer> allPieces;
    private final float[] scores;
    private final int[] types;
    private final int unkId;
    private final ByteTrie userDefined;

    BpeEncoder(ModelFile model, ByteTrie userDefined) {
        this.scores = model.scores;
        this.types = model.types;
        this.unkId = model.unkId;
        this.userDefined = userDefined;
        this.pieces = new HashMap<>();
        this.allPieces = new HashMap<>();
        for (int i = 0; i < model.pieces.length; i++) {
            byte[] b = model.pieces[i].getBytes(StandardCharsets.UTF_8);
            ByteKey key = new ByteKey(b, 0, b.length);
            allPieces.putIfAbsent(key, i);
            if (SentencePieceProcessor.isInTrie(types[i])) {
                pieces.putIfAbsent(key, i);
            }
        }
    }

    /** A slice of a byte array, compared by content. */
    private record ByteKey(byte[] bytes, int from, int to) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            return h;
        }
    }

    private record Pair(int left, int right, float score, int size) {
    }

    Segments encode(byte[] text) {
        int n = 0;
        int[] start = new int[text.length];
        int[] end = new int[text.length];
        boolean[] frozen = new boolean[text.length];
        for (int pos = 0; pos < text.length; n++) {
            int length = userDefined.isEmpty() ? 0 : userDefined.longestMatch(text, pos, text.length);
            frozen[n] = length > 0;
            if (length == 0) {
                length = Math.min(ByteString.charLength(text[pos]), text.length - pos);
            }
            start[n] = pos;
            end[n] = pos + length;
            pos += length;
        }
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Pair> agenda = new PriorityQueue<>((a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
                : Integer.compare(a.left, b.left));
        Map<ByteKey, Integer> reverseMerges = new HashMap<>();
        for (int i = 1; i < n; i++) {
            offer(text, start, end, frozen, i - 1, i, agenda, reverseMerges);
        }
        while (!agenda.isEmpty()) {
            Pair top = agenda.poll();
            int l = top.left;
            int r = top.right;
            if (start[l] == end[l] || start[r] == end[r] || (end[l] - start[l]) + (end[r] - start[r]) != top.size) {
                continue;
            }
            end[l] = end[r];
            next[l] = next[r];
            if (next[r] >= 0) {
                prev[next[r]] = l;
            }
            start[r] = end[r];
            if (prev[l] >= 0) {
                offer(text, start, end, frozen, prev[l], l, agenda, reverseMerges);
            }
            if (next[l] >= 0) {
                offer(text, start, end, frozen, l, next[l], agenda, reverseMerges);
            }
        }
        Segments out = new Segments();
        for (int i = n == 0 ? -1 : 0; i >= 0; i = next[i]) {
            resegment(text, start[i], end[i], reverseMerges, out);
        }
        return out;
    }

    /** Queues the pair of symbols {@code l} and {@code r} (adjacent) if together they are a piece. */
    private void offer(byte[] text, int[] start, int[] end, boolean[] frozen, int l, int r, PriorityQueue<Pair> agenda,
                       Map<ByteKey, Integer> reverseMerges) {
        if (frozen[l] || frozen[r]) {
            return;
        }
        ByteKey merged = new ByteKey(text, start[l], end[r]);
        Integer id = pieces.get(merged);
        if (id == null) {
            return;
        }
        agenda.add(new Pair(l, r, scores[id], end[r] - start[l]));
        if (types[id] == ModelFile.UNUSED) {
            reverseMerges.put(merged, end[l] - start[l]);
        }
    }

    private void resegment(byte[] text, int from, int to, Map<ByteKey, Integer> reverseMerges, Segments out) {
        ByteKey key = new ByteKey(text, from, to);
        Integer id = allPieces.get(key);
        if (id == null || types[id] != ModelFile.UNUSED) {
            out.add(from, to, id == null ? unkId : id);
            return;
        }
        Integer leftLength = reverseMerges.get(key);
        if (leftLength == null) {
            out.add(from, to, id);
            return;
        }
        resegment(text, from, from + leftLength, reverseMerges, out);
        resegment(text, from + leftLength, to, reverseMerges, out);
    }
}
