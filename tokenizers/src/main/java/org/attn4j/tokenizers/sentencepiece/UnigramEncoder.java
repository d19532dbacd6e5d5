package org.attn4j.tokenizers.sentencepiece;

import java.util.Arrays;

/**
 * Unigram segmentation: the Viterbi path through the lattice of pieces over the normalised
 * bytes, maximising the sum of piece scores (log probabilities). As in SentencePiece:
 * <ul>
 *   <li>a character no piece starts with (as a one-character piece) gets an unknown node scored
 *       {@code min score - 10};</li>
 *   <li>a user-defined symbol of {@code n} bytes scores {@code n * max score - 0.1}, so that it
 *       always wins (max score starts from {@code Float.MIN_VALUE}, as in the reference);</li>
 *   <li>unused pieces are never chosen; ties keep the first path found (the earliest start).</li>
 * </ul>
 * Path scores are kept in {@code float} and candidates compared in {@code double}, exactly as
 * the reference does, so that near-ties on long texts break the same way.
 * One pass over the text with a walk in the piece trie at each character: linear in the text
 * length times the longest piece. Immutable and thread-safe.
 */
final class UnigramEncoder {
    private static final float UNK_PENALTY = 10.0f;

    private final ByteTrie pieces;
    private final int[] types;
    private final float[] scores;
    private final int unkId;
    private final float minScore;
    private final float maxScore;

    UnigramEncoder(ModelFile model, ByteTrie pieces) {
        this.pieces = pieces;
        this.types = model.types;
        this.scores = model.scores;
        this.unkId = model.unkId;
        float min = Float.MAX_VALUE;
        float max = Float.MIN_VALUE;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == ModelFile.NORMAL) {
                min = Math.min(min, scores[i]);
                max = Math.max(max, scores[i]);
            }
        }
        this.minScore = min;
        this.maxScore = max;
    }

    Segments encode(byte[] text) {
        int size = text.length;
        Segments out = new Segments();
        if (size == 0) {
            return out;
        }
        float[] best = new float[size + 1];
        int[] startsAt = new int[size + 1];
        int[] ids = new int[size + 1];
        Arrays.fill(startsAt, -1);
        float unkScore = minScore - UNK_PENALTY;
        int start = 0;
        while (start < size) {
            float tillHere = best[start];
            int charLength = Math.min(ByteString.charLength(text[start]), size - start);
            boolean hasSingleNode = false;
            int node = 0;
            for (int pos = start; pos < size; pos++) {
                node = pieces.child(node, text[pos]);
                if (node < 0) {
                    break;
                }
                int id = pieces.value(node);
                if (id < 0 || types[id] == ModelFile.UNUSED) {
                    continue;
                }
                int end = pos + 1;
                int length = end - start;
                // The reference's score is a double (its ?: mixes the float score with the double
                // user-defined bonus); the sum is compared in double and stored as a float.
                double score = types[id] == ModelFile.USER_DEFINED ? (double) (length * maxScore) - 0.1 : scores[id];
                double candidate = score + tillHere;
                if (startsAt[end] == -1 || candidate > best[end]) {
                    update(best, startsAt, ids, end, (float) candidate, start, id);
                }
                if (length == charLength) {
                    hasSingleNode = true;
                }
            }
            if (!hasSingleNode) {
                int end = start + charLength;
                float candidate = unkScore + tillHere;
                if (startsAt[end] == -1 || candidate > best[end]) {
                    update(best, startsAt, ids, end, candidate, start, unkId);
                }
            }
            start += charLength;
        }
        for (int end = size; end > 0; end = startsAt[end]) {
            out.add(startsAt[end], end, ids[end]);
        }
        out.reverse();
        return out;
    }

    private static void update(float[] best, int[] startsAt, int[] ids, int end, float score, int start, int id) {
        best[end] = score;
        startsAt[end] = start;
        ids[end] = id;
    }
}
