package org.attn4j.api.text;

import java.util.List;

/**
 * A bijection between token strings and integer ids.
 *
 * <p>The special tokens have fixed ids in every vocabulary: {@code <pad>} = 0,
 * {@code <unk>} = 1, {@code <s>} = 2, {@code </s>} = 3. An unknown token maps to
 * {@link #UNK}. Immutable and thread-safe.
 */
public interface Vocabulary {
    String PAD_TOKEN = "<pad>";
    String UNK_TOKEN = "<unk>";
    String BOS_TOKEN = "<s>";
    String EOS_TOKEN = "</s>";
    int PAD = 0;
    int UNK = 1;
    int BOS = 2;
    int EOS = 3;

    /** Number of tokens, special ones included. */
    int size();

    /** The id of {@code token}, or {@link #UNK} if it is not in the vocabulary. */
    int id(String token);

    /** The token with id {@code id}; {@link IndexOutOfBoundsException} outside [0, size). */
    String token(int id);

    /** Whether {@code token} has an id of its own. */
    boolean contains(String token);

    /** Ids of tokens (unknown ones become {@link #UNK}). */
    default int[] encode(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(tokens.get(i));
        }
        return ids;
    }

    /** Tokens of ids, stopping at nothing: special tokens are returned as their strings. */
    default List<String> decode(int[] ids) {
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = token(ids[i]);
        }
        return List.of(out);
    }
}
