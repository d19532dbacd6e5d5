package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.JsonNode;
import org.attn4j.api.ModelFormatException;
import org.attn4j.hf.HfCheckpoint;

/**
 * The keys of a BertConfig ({@code config.json}) that decide the attn4j model, checked: every
 * value attn4j cannot reproduce is refused naming the file and key.
 *
 * @param activation the attn4j name of {@code hidden_act}: gelu (exact, with erf), relu or swish
 */
record BertSettings(int hidden, int layers, int heads, int intermediate, String activation, int maxPositions,
        int typeVocabSize, double layerNormEps, int vocabSize, int padId, double hiddenDropout, double attentionDropout) {

    static BertSettings read(HfCheckpoint ck) {
        String where = ck.configFile().toString();
        if (!ck.modelType().equals("bert")) {
            throw new ModelFormatException(where + ": model_type is '" + ck.modelType() + "', not 'bert'");
        }
        JsonNode arch = ck.config().path("architectures");
        if (arch.isArray() && arch.size() > 0) {
            String a = arch.get(0).asText();
            if (!a.startsWith("Bert") || a.equals("BertLMHeadModel") || a.equals("BertGenerationDecoder")) {
                throw new ModelFormatException(where + ": architectures[0] is '" + a + "'; attn4j imports BertModel (and"
                        + " the encoder of the BertFor... task models), not decoders");
            }
        }
        if (ck.getBoolean("is_decoder", false) || ck.getBoolean("add_cross_attention", false)) {
            throw new ModelFormatException(where + ": key 'is_decoder' or 'add_cross_attention' is true; attn4j imports"
                    + " BERT encoders only");
        }
        String position = ck.getString("position_embedding_type", "absolute");
        if (!position.equals("absolute")) {
            throw new ModelFormatException(where + ": key 'position_embedding_type' is '" + position
                    + "'; attn4j supports 'absolute' (learned positions)");
        }
        String hiddenAct = ck.getString("hidden_act", "gelu");
        String act = switch (hiddenAct) {
            case "gelu" -> "gelu";
            case "relu" -> "relu";
            case "silu", "swish" -> "swish";
            default -> throw new ModelFormatException(where + ": key 'hidden_act' is '" + hiddenAct
                    + "'; attn4j supports gelu (exact, with erf), relu and silu/swish, not the tanh approximations");
        };
        int hidden = positive(ck, "hidden_size");
        int heads = positive(ck, "num_attention_heads");
        if (hidden % heads != 0) {
            throw new ModelFormatException(where + ": key 'num_attention_heads' (" + heads + ") must divide 'hidden_size' ("
                    + hidden + ")");
        }
        int vocab = positive(ck, "vocab_size");
        int pad = ck.getInt("pad_token_id", 0);
        if (pad < 0 || pad >= vocab) {
            throw new ModelFormatException(where + ": key 'pad_token_id' (" + pad + ") is outside the vocabulary of "
                    + vocab);
        }
        double eps = ck.getDouble("layer_norm_eps", 1e-12);
        if (!(eps > 0 && eps < 1)) {
            throw new ModelFormatException(where + ": key 'layer_norm_eps' must be in (0, 1), got " + eps);
        }
        return new BertSettings(hidden, positive(ck, "num_hidden_layers"), heads, positive(ck, "intermediate_size"), act,
                positive(ck, "max_position_embeddings"), ck.getInt("type_vocab_size", 2), eps, vocab, pad,
                probability(ck, "hidden_dropout_prob"), probability(ck, "attention_probs_dropout_prob"));
    }

    private static int positive(HfCheckpoint ck, String key) {
        int v = ck.requireInt(key);
        if (v <= 0) {
            throw new ModelFormatException(ck.configFile() + ": key '" + key + "' must be positive, got " + v);
        }
        return v;
    }

    private static double probability(HfCheckpoint ck, String key) {
        double p = ck.getDouble(key, 0.1);
        if (!(p >= 0 && p < 1)) {
            throw new ModelFormatException(ck.configFile() + ": key '" + key + "' must be in [0, 1), got " + p);
        }
        return p;
    }
}
