package org.attn4j.hf.marian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.tokenizers.TokenVocabulary;

/**
 * Marian's joint {@code vocab.json} (piece to id) as an attn4j vocabulary, with the permutation
 * from attn4j ids to Marian ids: {@code permutation()[a]} is the Marian id whose embedding row
 * attn4j id {@code a} takes.
 */
public record MarianVocabulary(TokenVocabulary vocabulary, int[] permutation, int unkId) {

    static MarianVocabulary read(Path file, MarianSettings s) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file + ": not a JSON object of piece -> id");
        }
        String[] pieces = new String[root.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.canConvertToExactIntegral() || v.asInt() < 0 || v.asInt() >= pieces.length) {
                throw new ModelFormatException(file + ": key '" + e.getKey() + "' has id " + v + ", outside [0, "
                        + pieces.length + ")");
            }
            if (pieces[v.asInt()] != null) {
                throw new ModelFormatException(file + ": id " + v.asInt() + " is given to both '" + pieces[v.asInt()]
                        + "' and '" + e.getKey() + "'");
            }
            pieces[v.asInt()] = e.getKey();
        }
        if (pieces.length != s.vocabSize()) {
            throw new ModelFormatException(file + ": " + pieces.length + " entries, but config.json's vocab_size is "
                    + s.vocabSize());
        }
        Integer unk = root.has(Vocabulary.UNK_TOKEN) ? root.get(Vocabulary.UNK_TOKEN).asInt() : null;
        if (unk == null) {
            throw new ModelFormatException(file + ": no '<unk>' entry");
        }
        expect(file, pieces, s.eosId(), Vocabulary.EOS_TOKEN, "eos_token_id");
        expect(file, pieces, s.padId(), Vocabulary.PAD_TOKEN, "pad_token_id");
        if (root.has(Vocabulary.BOS_TOKEN) && root.get(Vocabulary.BOS_TOKEN).asInt() != s.decoderStartId()) {
            throw new ModelFormatException(file + ": has a '<s>' entry that is not the decoder start token;"
                    + " attn4j's <s> is the decoder start");
        }
        int[] perm = new int[pieces.length + 1];
        perm[Vocabulary.PAD] = s.padId();
        perm[Vocabulary.UNK] = unk;
        perm[Vocabulary.BOS] = s.decoderStartId();
        perm[Vocabulary.EOS] = s.eosId();
        List<String> ordinary = new ArrayList<>();
        int a = Vocabulary.SPECIAL_TOKENS.size();
        for (int m = 0; m < pieces.length; m++) {
            if (m == s.padId() || m == unk || m == s.eosId() || Vocabulary.BOS_TOKEN.equals(pieces[m])) {
                continue;
            }
            ordinary.add(pieces[m]);
            perm[a++] = m;
        }
        if (a != perm.length) {
            throw new ModelFormatException(file + ": the special entries overlap (pad " + s.padId() + ", unk " + unk
                    + ", eos " + s.eosId() + ")");
        }
        return new MarianVocabulary(TokenVocabulary.of(ordinary), perm, unk);
    }

    private static void expect(Path file, String[] pieces, int id, String token, String key) {
        if (!token.equals(pieces[id])) {
            throw new ModelFormatException(file + ": config.json's " + key + " " + id + " is '" + pieces[id]
                    + "' here, expected '" + token + "'");
        }
    }

    /**
     * For each Marian id, its attn4j id: the inverse of the permutation, where Marian's pad (also
     * the usual decoder start) maps to {@code <pad>}; feed {@code <s>} to start decoding.
     */
    public int[] marianToAttn4j() {
        int[] inv = new int[permutation.length - 1];
        java.util.Arrays.fill(inv, -1);
        for (int a = permutation.length - 1; a >= 0; a--) {
            if (a != Vocabulary.BOS || inv[permutation[a]] < 0) {
                inv[permutation[a]] = a;
            }
        }
        return inv;
    }
}
