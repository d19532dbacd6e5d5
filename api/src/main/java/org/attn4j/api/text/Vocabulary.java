package org.attn4j.api.text;

import java.util.List;

/**
 * A bijection between token strings and integer ids {@code 0 .. size()-1}.
 *
 * <p>The special tokens have fixed ids in every vocabulary: {@code <pad>} = 0,
 * {@code <unk>} = 1, {@code <s>} = 2, {@code </s>} = 3; ordinary tokens follow from id 4. An
 * unknown token maps to {@link #UNK}. Immutable and thread-safe.
 *
 * <pre>{@code
 * int[] ids = vocabulary.encode(tokenizer.split("Ein Hund rennt."));
 * List<String> back = vocabulary.decode(ids);   // unknown words come back as "<unk>"
 * }</pre>
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

    /** The special tokens in id order: {@code [<pad>, <unk>, <s>, </s>]}. */
    List<String> SPECIAL_TOKENS = List.of(PAD_TOKEN, UNK_TOKEN, BOS_TOKEN, EOS_TOKEN);

    /** Number of tokens, special ones included. */
    int size();

    /** The id of {@code token}, or {@link #UNK} if it is not in the vocabulary. */
    int id(String token);

    /** The token with id {@code id}; {@link IndexOutOfBoundsException} outside [0, size). */
    String token(int id);

    /** Whether {@code token} has an id of its own. */
    boolean contains(String token);

    /** Whether {@code id} is one of the four special ids. */
    default boolean isSpecial(int id) {
        return id >= 0 && id < SPECIAL_TOKENS.size();
    }

    /** Ids of tokens (unknown ones become {@link #UNK}). */
    default int[] encode(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(tokens.get(i));
        }
        return ids;
    }

    /** Tokens of ids, one for one: special ids come back as their token strings. */
    default List<String> decode(int[] ids) {
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = token(ids[i]);
        }
        return List.of(out);
    }
}
