package org.attn4j.hf.marian;

import org.attn4j.api.ModelFormatException;
import org.attn4j.hf.HfCheckpoint;

/**
 * The keys of a MarianConfig ({@code config.json}) that decide the attn4j model, checked: every
 * value attn4j cannot reproduce is refused naming the file and key.
 */
record MarianSettings(int dModel, int encoderLayers, int decoderLayers, int encoderHeads, int decoderHeads,
        int encoderFfn, int decoderFfn, String activation, int maxPositions, boolean scaleEmbedding, boolean tiedOutput,
        int vocabSize, int padId, int eosId, int decoderStartId, double dropout, double attentionDropout) {

    static MarianSettings read(HfCheckpoint ck) {
        String where = ck.configFile().toString();
        if (!ck.modelType().equals("marian")) {
            throw new ModelFormatException(where + ": model_type is '" + ck.modelType() + "', not 'marian'");
        }
        var arch = ck.config().path("architectures");
        if (arch.isArray() && arch.size() > 0 && !arch.get(0).asText().equals("MarianMTModel")) {
            throw new ModelFormatException(where + ": architectures[0] is '" + arch.get(0).asText()
                    + "'; attn4j imports MarianMTModel (MarianForCausalLM is decoder-only)");
        }
        int d = ck.requireInt("d_model");
        int vocab = ck.requireInt("vocab_size");
        int decoderVocab = ck.getInt("decoder_vocab_size", vocab);
        if (decoderVocab != vocab || !ck.getBoolean("share_encoder_decoder_embeddings", true)) {
            throw new ModelFormatException(where + ": key 'share_encoder_decoder_embeddings' is false or"
                    + " 'decoder_vocab_size' (" + decoderVocab + ") differs from 'vocab_size' (" + vocab + "): models"
                    + " with separate source and target vocabularies are not imported yet");
        }
        if (ck.getBoolean("normalize_before", false)) {
            throw new ModelFormatException(where + ": key 'normalize_before' is true; Marian models are post-norm");
        }
        String act = switch (ck.getString("activation_function", "gelu")) {
            case "swish", "silu" -> "swish";
            case "gelu" -> "gelu";
            case "relu" -> "relu";
            default -> throw new ModelFormatException(where + ": key 'activation_function' is '"
                    + ck.getString("activation_function", "") + "'; attn4j supports swish (silu), gelu and relu");
        };
        if (ck.getDouble("activation_dropout", 0) != 0) {
            throw new ModelFormatException(where + ": key 'activation_dropout' is " + ck.getDouble("activation_dropout", 0)
                    + "; attn4j's Transformer has no dropout inside the feed-forward network (set it to 0.0 to import)");
        }
        int pad = ck.requireInt("pad_token_id");
        int eos = ck.requireInt("eos_token_id");
        int start = ck.getInt("decoder_start_token_id", pad);
        for (String k : new String[] {"pad_token_id", "eos_token_id"}) {
            int id = ck.requireInt(k);
            if (id < 0 || id >= vocab) {
                throw new ModelFormatException(where + ": key '" + k + "' (" + id + ") is outside the vocabulary of " + vocab);
            }
        }
        if (start < 0 || start >= vocab) {
            throw new ModelFormatException(where + ": key 'decoder_start_token_id' (" + start
                    + ") is outside the vocabulary of " + vocab);
        }
        int encHeads = ck.requireInt("encoder_attention_heads");
        int decHeads = ck.requireInt("decoder_attention_heads");
        if (d % encHeads != 0 || d % decHeads != 0 || d % 2 != 0) {
            throw new ModelFormatException(where + ": key 'd_model' (" + d + ") must be even and divisible by the heads ("
                    + encHeads + ", " + decHeads + ")");
        }
        return new MarianSettings(d, ck.requireInt("encoder_layers"), ck.requireInt("decoder_layers"), encHeads, decHeads,
                ck.requireInt("encoder_ffn_dim"), ck.requireInt("decoder_ffn_dim"), act,
                ck.requireInt("max_position_embeddings"), ck.getBoolean("scale_embedding", false),
                ck.getBoolean("tie_word_embeddings", true), vocab, pad, eos, start, ck.getDouble("dropout", 0.1),
                ck.getDouble("attention_dropout", 0.0));
    }
}
