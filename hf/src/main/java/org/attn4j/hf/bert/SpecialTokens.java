package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attn4j.api.ModelFormatException;
import org.attn4j.tokenizers.WordPieceTokenizer;

/**
 * BERT's special tokens and their ids in the tokenizer's vocabulary.
 *
 * @param where names the file that set them, for messages
 */
record SpecialTokens(String cls, String sep, String pad, String unk, int clsId, int sepId, int padId, int unkId) {

    /** The tokens, each checked to be in {@code vocabulary}; {@code where} names the file that set them. */
    static SpecialTokens of(String cls, String sep, String pad, String unk, WordPieceTokenizer vocabulary, String where) {
        return new SpecialTokens(cls, sep, pad, unk, id(vocabulary, cls, "cls_token", where),
                id(vocabulary, sep, "sep_token", where), id(vocabulary, pad, "pad_token", where),
                id(vocabulary, unk, "unk_token", where));
    }

    private static int id(WordPieceTokenizer vocabulary, String token, String key, String where) {
        int id = vocabulary.id(token);
        if (id < 0) {
            throw new ModelFormatException(where + ": key '" + key + "' is '" + token + "', which is not in the vocabulary ("
                    + vocabulary.vocabulary().size() + " tokens)");
        }
        return id;
    }

    /** The {@code special_tokens} block of an imported config.json. */
    void writeTo(ObjectNode block) {
        block.put("cls_token", cls).put("sep_token", sep).put("pad_token", pad).put("unk_token", unk);
    }

    static SpecialTokens read(ObjectNode block, WordPieceTokenizer vocabulary, String where) {
        return of(text(block, "cls_token", where), text(block, "sep_token", where), text(block, "pad_token", where),
                text(block, "unk_token", where), vocabulary, where);
    }

    private static String text(ObjectNode block, String key, String where) {
        if (!block.path(key).isTextual()) {
            throw new ModelFormatException(where + ": key 'special_tokens." + key + "' is missing or not a string");
        }
        return block.get(key).asText();
    }
}
