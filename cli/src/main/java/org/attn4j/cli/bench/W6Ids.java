package org.attn4j.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.text.Vocabulary;

/**
 * Workload W6's sources, and the map between Hugging Face (Marian) token ids and the ids of the
 * model {@code attn4j import} made from the checkpoint, read from the {@code hf_token_ids} of its
 * {@code import.json}. The importer gives {@code <pad>}, {@code <unk>}, {@code </s>} attn4j's fixed
 * ids 0, 1, 3, a copy of the decoder-start row to {@code <s>} (2), and every other Marian id, in
 * order, the ids from 4 on; W6 needs the decoder start to be the pad (Marian's layout), so that no
 * {@code <s>} piece was dropped from the order.
 *
 * <p>The W6 definition (shared with the peers, {@code benchmarks/peer/README.md}): sentence
 * {@code b} (0-based) is 23 content tokens and EOS, content token {@code j} having the Marian id
 * {@code 2 + ((b * 7919 + j * 104729) % (V - 3))}, V the checkpoint's {@code vocab_size}.
 */
final class W6Ids {
    /** Source length: 23 content tokens and EOS. */
    static final int SOURCE_LENGTH = 24;

    private final int hfVocabulary;
    private final int hfEos;
    private final int[] hfToAttn4j;
    private final int[] attn4jToHf;

    private W6Ids(int hfVocabulary, int eos, int unk, int pad) {
        this.hfVocabulary = hfVocabulary;
        this.hfEos = eos;
        hfToAttn4j = new int[hfVocabulary];
        attn4jToHf = new int[hfVocabulary + 1];
        hfToAttn4j[pad] = Vocabulary.PAD;
        hfToAttn4j[unk] = Vocabulary.UNK;
        hfToAttn4j[eos] = Vocabulary.EOS;
        attn4jToHf[Vocabulary.PAD] = pad;
        attn4jToHf[Vocabulary.UNK] = unk;
        attn4jToHf[Vocabulary.BOS] = pad; // the decoder start, a copy of the pad row
        attn4jToHf[Vocabulary.EOS] = eos;
        int a = Vocabulary.SPECIAL_TOKENS.size();
        for (int m = 0; m < hfVocabulary; m++) {
            if (m != pad && m != unk && m != eos) {
                hfToAttn4j[m] = a;
                attn4jToHf[a++] = m;
            }
        }
    }

    /**
     * Reads {@code modelDir/import.json}.
     *
     * @throws ModelFormatException naming the file when it is missing, lacks {@code hf_token_ids}
     *         (imported by an older attn4j: import again) or the ids are not Marian's layout
     */
    static W6Ids read(Path modelDir) {
        Path file = modelDir.resolve("import.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; W6 runs on a Marian checkpoint imported with attn4j import");
        }
        JsonNode ids;
        try {
            ids = new ObjectMapper().readTree(file.toFile()).path("hf_token_ids");
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        for (String k : new String[] {"vocab_size", "eos", "unk", "pad", "decoder_start"}) {
            if (!ids.path(k).canConvertToExactIntegral()) {
                throw new ModelFormatException(file + ": no integer hf_token_ids." + k + " (imported by an older attn4j?"
                        + " import the checkpoint again)");
            }
        }
        int v = ids.get("vocab_size").asInt();
        int eos = ids.get("eos").asInt();
        int unk = ids.get("unk").asInt();
        int pad = ids.get("pad").asInt();
        if (ids.get("decoder_start").asInt() != pad || v < 4 || eos == unk || eos == pad || unk == pad) {
            throw new ModelFormatException(file + ": hf_token_ids " + ids + " is not Marian's layout (distinct eos, unk"
                    + " and pad, decoding starting from pad); W6 needs it");
        }
        return new W6Ids(v, eos, unk, pad);
    }

    /** V, the checkpoint's vocabulary size; the imported model has V + 1 ids. */
    int hfVocabulary() {
        return hfVocabulary;
    }

    /** The W6 sources of a batch, in Marian ids: {@code [batch][24]}. */
    int[][] hfSources(int batch) {
        int[][] s = new int[batch][SOURCE_LENGTH];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < SOURCE_LENGTH - 1; j++) {
                s[b][j] = (int) (2 + (((long) b * 7919 + (long) j * 104729) % (hfVocabulary - 3)));
            }
            s[b][SOURCE_LENGTH - 1] = hfEos;
        }
        return s;
    }

    /** Marian ids as the imported model's ids. */
    int[][] toAttn4j(int[][] hf) {
        int[][] out = new int[hf.length][];
        for (int r = 0; r < hf.length; r++) {
            out[r] = new int[hf[r].length];
            for (int k = 0; k < hf[r].length; k++) {
                out[r][k] = hfToAttn4j[hf[r][k]];
            }
        }
        return out;
    }

    /** The imported model's ids as Marian ids. */
    int[] toHf(int[] attn4j) {
        int[] out = new int[attn4j.length];
        for (int k = 0; k < attn4j.length; k++) {
            out[k] = attn4jToHf[attn4j[k]];
        }
        return out;
    }

    /**
     * The peers' checksum of generated Marian ids {@code tokens[row][step]}: the sum of
     * {@code (row + 1) * (step + 1) * id} modulo 1,000,000,007.
     */
    static long checksum(int[][] tokens) {
        long sum = 0;
        for (int b = 0; b < tokens.length; b++) {
            for (int t = 0; t < tokens[b].length; t++) {
                sum = (sum + (long) (b + 1) * (t + 1) * tokens[b][t]) % 1_000_000_007L;
            }
        }
        return sum;
    }
}
