package org.attn4j.hf.marian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Parameter;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.config.Attn4jConfig;
import org.attn4j.core.config.ConfigFormat;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.core.pipeline.ModelDirectory;
import org.attn4j.core.pipeline.ModelFactory;
import org.attn4j.hf.HfCheckpoint;
import org.attn4j.hf.HfImporter;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.TokenVocabulary;
import org.attn4j.tokenizers.Tokenizers;

/**
 * Imports a Hugging Face {@code MarianMTModel} (the OPUS-MT models) into an attn4j model
 * directory that runs on the existing {@code transformer} encoder and decoder plugins.
 *
 * <p>What it maps, and how:
 * <ul>
 *   <li><b>Architecture</b>: post-norm layers without final norms, {@code activation_function}
 *       (swish/silu, gelu, relu) as the feed-forward activation, {@code scale_embedding} as
 *       {@code scale_embeddings}, the static sinusoids in Marian's layout (sines, then cosines)
 *       as {@code positions: sinusoidal-halves} with {@code max_position_embeddings} rows, shared
 *       encoder/decoder embeddings, the output projection tied to them with
 *       {@code final_logits_bias} as {@code output_bias} (or, with
 *       {@code tie_word_embeddings: false}, {@code lm_head.weight} as an own projection whose bias
 *       is {@code final_logits_bias}).</li>
 *   <li><b>Vocabulary</b>: attn4j's special ids are fixed ({@code <pad>} 0, {@code <unk>} 1,
 *       {@code <s>} 2, {@code </s>} 3), Marian's are not ({@code </s>} 0, {@code <unk>} 1,
 *       {@code <pad>} last, decoding starting from {@code <pad>}). The rows of the embedding
 *       table and of the logits bias are permuted accordingly: {@code <pad>} takes Marian's pad
 *       row, {@code <s>} a copy of the decoder-start row, {@code </s>} and {@code <unk>} their
 *       rows, and every other entry of {@code vocab.json} follows in id order. The searches never
 *       output {@code <s>} or {@code <pad>}, so the copy changes no result.</li>
 *   <li><b>Tokenizers</b>: {@code source.spm} and {@code target.spm} become {@code sentencepiece}
 *       tokenizers of the source and target sides; pieces map to ids through {@code vocab.json}
 *       (a piece it lacks is {@code <unk>}), and {@code </s>} ends each source, as
 *       MarianTokenizer does; they decode as MarianTokenizer's {@code decode(ids,
 *       skip_special_tokens=True)} does ({@code decoding: marian}, and {@code cleanUpSpaces}
 *       from {@code clean_up_tokenization_spaces} in tokenizer_config.json).</li>
 *   <li><b>Generation defaults</b> ({@code generation_config.json}, else config.json):
 *       {@code num_beams}, {@code max_length} (less the decoder-start token),
 *       {@code length_penalty}, {@code early_stopping} and {@code forced_eos_token_id} become the
 *       {@code decoding} section with {@code style: hf} (Hugging Face's beam rules).</li>
 * </ul>
 * Anything else a checkpoint holds that would change results (separate source/target
 * vocabularies, pre-norm layers, layer drop at inference, other bad words than {@code <pad>},
 * sampling defaults) is refused with the file and key. The import also writes
 * {@code import.json}: where the model came from and what was read.
 */
public final class MarianImporter implements HfImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String modelType() {
        return "marian";
    }

    /**
     * A Marian checkpoint converted in memory: the attn4j configuration, the model with its
     * weights, and the vocabulary with its permutation of Marian's ids.
     *
     * @param config     the attn4j configuration as written to {@code config.json}
     * @param decoding   its {@code decoding} section, read
     * @param model      the model, every parameter set from the checkpoint
     * @param vocabulary the joint vocabulary and the id permutation
     */
    public record Converted(ObjectNode config, Attn4jConfig read, Seq2SeqModel model, MarianVocabulary vocabulary) {
    }

    /** Converts the checkpoint's configuration and weights, without tokenizers (nothing is written). */
    public static Converted convert(HfCheckpoint ck) {
        MarianSettings s = MarianSettings.read(ck);
        MarianVocabulary vocab = MarianVocabulary.read(ck.requireFile("vocab.json"), s);
        ObjectNode config = attn4jConfig(s, generationConfig(ck), ck);
        PluginRegistry plugins = PluginDiscovery.discover(PluginDiscovery.contextLoader());
        Attn4jConfig read = new ConfigReader().read(config.toPrettyString(), ck.configFile() + " (as imported)",
                ConfigFormat.JSON, Attn4jConfig.class);
        int v = vocab.vocabulary().size();
        Seq2SeqModel model = new ModelFactory(plugins).create(read.model(), v, v, read.training().seed());
        new MarianWeights(ck, s, vocab).copyInto(model.namedParameters());
        ck.requireAllRead();
        return new Converted(config, read, model, vocab);
    }

    @Override
    public void importTo(HfCheckpoint ck, Path out) {
        Path sourceSpm = ck.requireFile("source.spm");
        Path targetSpm = ck.requireFile("target.spm");
        Converted c = convert(ck);
        ModelDirectory md = new ModelDirectory(out);
        try {
            Files.createDirectories(out);
            JSON.writerWithDefaultPrettyPrinter().writeValue(md.config().toFile(), c.config());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported model into " + out + ": " + e, e);
        }
        Tokenizers tokenizers = Tokenizers.discover(PluginDiscovery.contextLoader());
        Map<String, Object> decoding = decodingOptions(ck);
        writeCodec(tokenizers, sourceSpm, decoding, c.vocabulary().vocabulary(), md.source());
        writeCodec(tokenizers, targetSpm, decoding, c.vocabulary().vocabulary(), md.target());
        Checkpoint.saveWeights(md.weights(), c.model(), Map.of("attn4j.imported_from", "huggingface:marian"));
        writeProvenance(ck, MarianSettings.read(ck), c.vocabulary().unkId(), out, c.model().parameterCount());
    }

    private static void writeCodec(Tokenizers tokenizers, Path spm, Map<String, Object> decodingOptions,
            TokenVocabulary vocabulary, Path dir) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put(Tokenizers.NAME_KEY, "sentencepiece");
        block.put("model", spm.toAbsolutePath().toString());
        block.putAll(decodingOptions);
        Tokenizer tokenizer = tokenizers.create(Options.of("tokenizer", block), null);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e, e);
        }
        new TextCodec(tokenizer, vocabulary).save(dir);
    }

    /**
     * The sentencepiece options that make translations read as MarianTokenizer's {@code decode(ids,
     * skip_special_tokens=True)}: its decoding, and {@code clean_up_tokenization_spaces} from
     * tokenizer_config.json (transformers' default, true, when the file or key is absent).
     */
    static Map<String, Object> decodingOptions(HfCheckpoint ck) {
        boolean cleanUp = true;
        Path t = ck.dir().resolve("tokenizer_config.json");
        if (Files.isRegularFile(t)) {
            try {
                JsonNode n = JSON.readTree(t.toFile());
                JsonNode c = n == null ? null : n.get("clean_up_tokenization_spaces");
                if (c != null && !c.isBoolean()) {
                    throw new ModelFormatException(t + ": key 'clean_up_tokenization_spaces' is " + c + ", not a boolean");
                }
                cleanUp = c == null || c.asBoolean();
            } catch (IOException e) {
                throw new ModelFormatException(t + ": not valid JSON: " + e.getMessage(), e);
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("decoding", "marian");
        o.put("cleanUpSpaces", cleanUp);
        return o;
    }

    /** generation_config.json if present, else the generation keys of config.json. */
    private static JsonNode generationConfig(HfCheckpoint ck) {
        Path g = ck.dir().resolve("generation_config.json");
        if (!Files.isRegularFile(g)) {
            return ck.config();
        }
        try {
            JsonNode n = JSON.readTree(g.toFile());
            if (n == null || !n.isObject()) {
                throw new ModelFormatException(g + ": not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ModelFormatException(g + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode attn4jConfig(MarianSettings s, JsonNode gen, HfCheckpoint ck) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        ObjectNode enc = model.putObject("encoder");
        stack(enc, s, s.encoderLayers(), s.encoderHeads(), s.encoderFfn());
        ObjectNode dec = model.putObject("decoder");
        stack(dec, s, s.decoderLayers(), s.decoderHeads(), s.decoderFfn());
        dec.put("share_embeddings", true);
        dec.put("tie_output", s.tiedOutput());
        if (s.tiedOutput()) {
            dec.put("output_bias", true);
        }
        ObjectNode tok = root.putObject("tokenizer");
        boolean cleanUp = (Boolean) decodingOptions(ck).get("cleanUpSpaces");
        tok.putObject("source").put("name", "sentencepiece").put("model", "source/sentencepiece.model")
                .put("decoding", "marian").put("cleanUpSpaces", cleanUp);
        tok.putObject("target").put("name", "sentencepiece").put("model", "target/sentencepiece.model")
                .put("decoding", "marian").put("cleanUpSpaces", cleanUp);
        root.set("decoding", decoding(gen, s, ck));
        return root;
    }

    private static void stack(ObjectNode o, MarianSettings s, int layers, int heads, int ffn) {
        o.put("name", "transformer");
        o.put("d_model", s.dModel());
        o.put("heads", heads);
        o.put("layers", layers);
        o.put("ffn_dim", ffn);
        o.put("activation", s.activation());
        o.put("norm", "post");
        o.put("final_norm", false);
        o.put("dropout", s.dropout());
        o.put("attention_dropout", s.attentionDropout());
        o.put("positions", "sinusoidal-halves");
        o.put("max_length", s.maxPositions());
        o.put("scale_embeddings", s.scaleEmbedding());
        o.put("norm_eps", 1e-5);
    }

    /** Keys of a generation config that attn4j maps, or that do not change greedy/beam outputs. */
    private static final Set<String> UNDERSTOOD = Set.of("num_beams", "max_length", "length_penalty", "early_stopping",
            "forced_eos_token_id", "bad_words_ids", "bos_token_id", "eos_token_id", "pad_token_id",
            "decoder_start_token_id", "transformers_version", "_from_model_config", "renormalize_logits");

    private static ObjectNode decoding(JsonNode gen, MarianSettings s, HfCheckpoint ck) {
        String where = gen == ck.config() ? ck.configFile().toString() : ck.dir().resolve("generation_config.json").toString();
        ObjectNode d = JSON.createObjectNode();
        int beams = gen.path("num_beams").asInt(1);
        d.put("beam", Math.max(1, beams));
        int maxLength = gen.path("max_length").asInt(20); // Hugging Face's default, decoder-start token included
        if (maxLength < 2) {
            throw new ModelFormatException(where + ": key 'max_length' must be at least 2, got " + maxLength);
        }
        d.put("max_length", maxLength - 1);
        d.put("style", "hf");
        d.put("length_penalty", gen.path("length_penalty").asDouble(1.0));
        JsonNode early = gen.get("early_stopping");
        if (early != null && !early.isNull() && !early.isBoolean()) {
            throw new ModelFormatException(where + ": key 'early_stopping' is " + early
                    + "; attn4j supports true and false (not \"never\")");
        }
        d.put("early_stopping", early != null && early.asBoolean(false));
        JsonNode forced = gen.get("forced_eos_token_id");
        d.put("force_eos", forced != null && !forced.isNull() && forced.asInt() == s.eosId());
        if (forced != null && !forced.isNull() && forced.asInt() != s.eosId()) {
            throw new ModelFormatException(where + ": key 'forced_eos_token_id' is " + forced + ", not the eos_token_id "
                    + s.eosId() + "; attn4j can force only EOS");
        }
        JsonNode bad = gen.get("bad_words_ids");
        if (bad != null && !bad.isNull()) {
            boolean onlyPad = bad.isArray() && bad.size() == 1 && bad.get(0).isArray() && bad.get(0).size() == 1
                    && bad.get(0).get(0).asInt() == s.padId();
            if (!onlyPad) {
                throw new ModelFormatException(where + ": key 'bad_words_ids' is " + bad + "; attn4j supports only [["
                        + s.padId() + "]] (never generate <pad>, which attn4j's searches never do)");
            }
        }
        if (gen != ck.config()) {
            List<String> refused = new ArrayList<>();
            for (Iterator<String> it = gen.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!UNDERSTOOD.contains(k) && changesOutput(k, gen.get(k))) {
                    refused.add(k + "=" + gen.get(k));
                }
            }
            if (!refused.isEmpty()) {
                throw new ModelFormatException(where + ": generation settings attn4j does not reproduce: " + refused);
            }
        }
        return d;
    }

    /** Whether a generation key holds a value other than Hugging Face's default for it. */
    private static boolean changesOutput(String key, JsonNode value) {
        return switch (key) {
            case "do_sample", "output_scores", "return_dict_in_generate", "output_attentions", "output_hidden_states",
                 "use_cache" -> false;
            case "num_return_sequences" -> value.asInt(1) != 1;
            case "min_length", "min_new_tokens" -> value.asInt(0) > 0;
            case "repetition_penalty" -> value.asDouble(1.0) != 1.0;
            case "no_repeat_ngram_size", "encoder_no_repeat_ngram_size" -> value.asInt(0) > 0;
            case "temperature", "top_p" -> false; // sampling only, and sampling defaults are not imported
            case "top_k" -> false;
            default -> !value.isNull();
        };
    }

    private static void writeProvenance(HfCheckpoint ck, MarianSettings s, int unk, Path out, long parameters) {
        ObjectNode p = JSON.createObjectNode();
        p.put("format", "attn4j-import");
        p.put("from", ck.dir().toAbsolutePath().toString());
        p.put("model_type", "marian");
        ArrayNode arch = p.putArray("architectures");
        ck.config().path("architectures").forEach(arch::add);
        p.put("transformers_version", ck.getString("transformers_version", "unknown"));
        p.put("weights_dtype", ck.dtype());
        p.put("parameters", parameters);
        p.put("vocabulary", "vocab.json ids permuted to attn4j's special ids: <pad> <- " + s.padId() + ", <unk> <- "
                + unk + ", <s> <- copy of " + s.decoderStartId() + ", </s> <- " + s.eosId()
                + ", then the other entries in id order");
        ObjectNode ids = p.putObject("hf_token_ids"); // what maps Marian ids to attn4j's without vocab.json
        ids.put("vocab_size", s.vocabSize());
        ids.put("eos", s.eosId());
        ids.put("unk", unk);
        ids.put("pad", s.padId());
        ids.put("decoder_start", s.decoderStartId());
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("import.json").toFile(), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("import.json") + ": " + e, e);
        }
    }

    /** Reads the tensors of the checkpoint into the attn4j model's parameters. */
    private record MarianWeights(HfCheckpoint ck, MarianSettings s, MarianVocabulary vocab) {
        void copyInto(Map<String, Parameter> params) {
            int d = s.dModel();
            int hfV = s.vocabSize();
            float[] shared = ck.floats("model.shared.weight", hfV, d);
            for (String alias : List.of("model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight")) {
                if (ck.has(alias)) {
                    ck.skip(alias); // a tied copy some exports keep
                }
            }
            float[] bias = ck.floats("final_logits_bias", 1, hfV);
            for (String pos : List.of("model.encoder.embed_positions.weight", "model.decoder.embed_positions.weight")) {
                if (ck.has(pos)) {
                    ck.skip(pos); // static sinusoids, recomputed (the parity tests check them)
                }
            }
            int[] perm = vocab.permutation();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                String name = e.getKey();
                Parameter p = e.getValue();
                if (name.equals("encoder.embedder.embedding.weight")) {
                    permuteRows(shared, perm, d, p.data());
                } else if (name.equals("decoder.output_bias")) {
                    permuteRows(bias, perm, 1, p.data());
                } else if (name.equals("decoder.output.weight")) {
                    permuteRows(ck.floats("lm_head.weight", hfV, d), perm, d, p.data());
                } else if (name.equals("decoder.output.bias")) {
                    permuteRows(bias, perm, 1, p.data());
                } else {
                    ck.readInto(hfName(name), p.data(), p.shape());
                }
            }
            if (!s.tiedOutput()) {
                return;
            }
            if (ck.has("lm_head.weight")) {
                ck.skip("lm_head.weight"); // tied: the same values as model.shared.weight
            }
        }

        /** Row {@code a} of {@code out} is row {@code perm[a]} of {@code rows}. */
        private static void permuteRows(float[] rows, int[] perm, int width, float[] out) {
            if (out.length != perm.length * width) {
                throw new IllegalStateException("a parameter of " + out.length + " values for " + perm.length + " rows of "
                        + width);
            }
            for (int a = 0; a < perm.length; a++) {
                System.arraycopy(rows, perm[a] * width, out, a * width, width);
            }
        }

        /** The Hugging Face key of an attn4j parameter of the encoder or decoder layers. */
        private static String hfName(String name) {
            String[] parts = name.split("\\.", 3); // side, layerN, rest
            if (parts.length < 3 || !parts[1].startsWith("layer")) {
                throw new IllegalStateException("no Hugging Face key for the parameter '" + name + "'");
            }
            String side = parts[0].equals("encoder") ? "model.encoder" : "model.decoder";
            String layer = side + ".layers." + parts[1].substring("layer".length()) + ".";
            String rest = parts[2];
            boolean decoder = parts[0].equals("decoder");
            String[] r = rest.split("\\.");
            String leaf = r[r.length - 1];
            return layer + switch (r[0]) {
                case "self_attention" -> "self_attn." + projection(r[1]) + "." + leaf;
                case "cross_attention" -> "encoder_attn." + projection(r[1]) + "." + leaf;
                case "norm1" -> "self_attn_layer_norm." + leaf;
                case "norm2" -> (decoder ? "encoder_attn_layer_norm." : "final_layer_norm.") + leaf;
                case "norm3" -> "final_layer_norm." + leaf;
                case "ffn" -> (r[1].equals("linear1") ? "fc1." : "fc2.") + leaf;
                default -> throw new IllegalStateException("no Hugging Face key for the parameter '" + name + "'");
            };
        }

        private static String projection(String attn4j) {
            return switch (attn4j) {
                case "Wq" -> "q_proj";
                case "Wk" -> "k_proj";
                case "Wv" -> "v_proj";
                case "Wo" -> "out_proj";
                default -> throw new IllegalStateException("unknown projection " + attn4j);
            };
        }
    }
}
