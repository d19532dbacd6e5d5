package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attn4j.api.ModelFormatException;
import org.attn4j.tokenizers.WordPieceTokenizer;

/**
 * BERT's special tokens and their ids in the tokenizer's vocabulary. Written in a text, each is
 * that token (BertTokenizer splits them out before anything else); the mask token is optional.
 *
 * @param mask   the mask token, or null when the vocabulary has none
 * @param maskId its id, or -1
 */
record SpecialTokens(String cls, String sep, String pad, String unk, String mask, int clsId, int sepId, int padId,
        int unkId, int maskId) {

    /**
     * The tokens, each but {@code mask} checked to be in {@code vocabulary} ({@code mask} is
     * dropped when it is not); {@code where} names the file that set them.
     */
    static SpecialTokens of(String cls, String sep, String pad, String unk, String mask, WordPieceTokenizer vocabulary,
            String where) {
        int maskId = mask == null ? -1 : vocabulary.id(mask);
        return new SpecialTokens(cls, sep, pad, unk, maskId < 0 ? null : mask, id(vocabulary, cls, "cls_token", where),
                id(vocabulary, sep, "sep_token", where), id(vocabulary, pad, "pad_token", where),
                id(vocabulary, unk, "unk_token", where), maskId);
    }

    /** The tokens a text may name, longest first (so that one never hides a longer one starting at the same place). */
    java.util.List<String> inText() {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(cls, sep, pad, unk));
        if (mask != null) {
            all.add(mask);
        }
        all.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return all;
    }

    /** The id of a special token of {@link #inText}. */
    int idOf(String token) {
        return token.equals(cls) ? clsId : token.equals(sep) ? sepId : token.equals(pad) ? padId
                : token.equals(unk) ? unkId : maskId;
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
        if (mask != null) {
            block.put("mask_token", mask);
        }
    }

    static SpecialTokens read(ObjectNode block, WordPieceTokenizer vocabulary, String where) {
        return of(text(block, "cls_token", where), text(block, "sep_token", where), text(block, "pad_token", where),
                text(block, "unk_token", where), block.path("mask_token").asText(null), vocabulary, where);
    }

    private static String text(ObjectNode block, String key, String where) {
        if (!block.path(key).isTextual()) {
            throw new ModelFormatException(where + ": key 'special_tokens." + key + "' is missing or not a string");
        }
        return block.get(key).asText();
    }
}
