package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Parameter;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.hf.HfCheckpoint;
import org.attn4j.hf.HfImporter;
import org.attn4j.tokenizers.WordPieceTokenizer;

/**
 * Imports a Hugging Face BERT ({@code model_type: bert}: {@code BertModel}, or the encoder of a
 * {@code BertFor...} task model) into an attn4j model directory that runs on the existing
 * {@code transformer} encoder plugin.
 *
 * <p>What it maps, and how:
 * <ul>
 *   <li><b>Architecture</b>: post-norm layers without a final norm, {@code hidden_act} (gelu with
 *       erf, relu, silu) as the activation, learned positions with
 *       {@code max_position_embeddings} rows, unscaled embeddings, {@code type_vocab_size} as
 *       {@code token_types}, the embeddings' layer norm as {@code embedding_norm},
 *       {@code layer_norm_eps} as {@code norm_eps}; the pooler ({@code pooler.dense}) when the
 *       checkpoint has one.</li>
 *   <li><b>Weights</b>: keys with or without the {@code bert.} prefix of the task models; their
 *       heads ({@code cls.*}, {@code classifier.*}, {@code qa_outputs.*}) and the
 *       {@code position_ids} buffer older exports keep are skipped and listed in
 *       {@code import.json}; any other tensor is refused by name.</li>
 *   <li><b>Tokenizer</b>: {@code vocab.txt} with {@code tokenizer_config.json}'s
 *       {@code do_lower_case}, {@code strip_accents} and {@code tokenize_chinese_chars} becomes a
 *       {@code wordpiece} tokenizer with BERT's text cleanup; the ids stay those of
 *       {@code vocab.txt}; the special tokens come from {@code tokenizer_config.json}, else
 *       {@code special_tokens_map.json}, else BERT's defaults.</li>
 * </ul>
 * The directory written: {@code config.json} ({@code model.kind: bert}, the encoder block,
 * {@code pooler}, {@code special_tokens}), {@code weights.safetensors}, {@code tokenizer/}
 * ({@code tokenizer.json}, {@code vocab.txt}) and {@code import.json} (where it came from).
 */
public final class BertImporter implements HfImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String modelType() {
        return "bert";
    }

    /**
     * A BERT checkpoint converted in memory.
     *
     * @param config  the attn4j configuration as written to {@code config.json}
     * @param encoder the encoder with every parameter set from the checkpoint
     * @param skipped the tensors of the checkpoint that were not imported (task heads)
     */
    public record Converted(ObjectNode config, BertEncoder encoder, List<String> skipped) {
        public Converted {
            skipped = List.copyOf(skipped);
        }
    }

    /** Converts the checkpoint's configuration, tokenizer and weights (nothing is written). */
    public static Converted convert(HfCheckpoint ck) {
        BertSettings s = BertSettings.read(ck);
        BertTokenizerFiles tok = BertTokenizerFiles.read(ck, s);
        String prefix = ck.has("bert.embeddings.word_embeddings.weight") ? "bert." : "";
        boolean pooler = ck.has(prefix + "pooler.dense.weight") || ck.has(prefix + "pooler.dense.bias");
        ObjectNode config = JSON.createObjectNode();
        ObjectNode model = config.putObject("model");
        model.put("kind", BertEncoder.KIND);
        model.put("vocab_size", s.vocabSize());
        ObjectNode enc = encoderBlock(model.putObject("encoder"), s);
        model.put("pooler", pooler);
        config.putObject("tokenizer").put("name", WordPieceTokenizer.NAME).put("dir", BertEncoder.TOKENIZER_DIR);
        tok.special().writeTo(config.putObject("special_tokens"));
        BertNetwork network = BertNetwork.create(enc, ck.configFile() + " (as imported): model.encoder", s.vocabSize(),
                pooler);
        List<String> skipped = copyWeights(ck, s, prefix, network);
        ck.requireAllRead();
        return new Converted(config, new BertEncoder(network, tok.tokenizer(), tok.special()), skipped);
    }

    @Override
    public void importTo(HfCheckpoint ck, Path out) {
        Converted c = convert(ck);
        try {
            Files.createDirectories(out);
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("config.json").toFile(), c.config());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported model into " + out + ": " + e, e);
        }
        c.encoder().tokenizer().save(out.resolve(BertEncoder.TOKENIZER_DIR));
        Checkpoint.saveWeights(out.resolve(Checkpoint.WEIGHTS_FILE), c.encoder().network(),
                Map.of("attn4j.imported_from", "huggingface:bert"));
        writeProvenance(ck, c, out);
    }

    private static ObjectNode encoderBlock(ObjectNode o, BertSettings s) {
        o.put("name", "transformer");
        o.put("d_model", s.hidden());
        o.put("heads", s.heads());
        o.put("layers", s.layers());
        o.put("ffn_dim", s.intermediate());
        o.put("activation", s.activation());
        o.put("norm", "post");
        o.put("final_norm", false);
        o.put("dropout", s.hiddenDropout());
        o.put("attention_dropout", s.attentionDropout());
        o.put("positions", "learned");
        o.put("max_length", s.maxPositions());
        o.put("scale_embeddings", false);
        o.put("norm_eps", s.layerNormEps());
        o.put("token_types", s.typeVocabSize());
        o.put("embedding_norm", true);
        return o;
    }

    /** Sets every parameter of {@code network} from the checkpoint; returns the tensors skipped. */
    private static List<String> copyWeights(HfCheckpoint ck, BertSettings s, String prefix, BertNetwork network) {
        for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            p.set(ck.floats(prefix + hfName(e.getKey()), p.shape()));
        }
        List<String> skipped = new ArrayList<>();
        for (String name : ck.tensorNames()) {
            String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : null;
            boolean head = !prefix.isEmpty() && rest == null
                    && (name.startsWith("cls.") || name.startsWith("classifier.") || name.startsWith("qa_outputs."));
            boolean buffer = "embeddings.position_ids".equals(rest) || "embeddings.token_type_ids".equals(rest);
            if (head || buffer) {
                ck.skip(name);
                skipped.add(name);
            }
        }
        return skipped;
    }

    /** The Hugging Face key (without prefix) of an attn4j parameter of {@link BertNetwork}. */
    static String hfName(String name) {
        switch (name) {
            case "encoder.embedder.embedding.weight":
                return "embeddings.word_embeddings.weight";
            case "encoder.embedder.positions":
                return "embeddings.position_embeddings.weight";
            case "encoder.embedder.types.weight":
                return "embeddings.token_type_embeddings.weight";
            case "encoder.embedder.norm.weight":
                return "embeddings.LayerNorm.weight";
            case "encoder.embedder.norm.bias":
                return "embeddings.LayerNorm.bias";
            case "pooler.weight":
                return "pooler.dense.weight";
            case "pooler.bias":
                return "pooler.dense.bias";
            default:
                break;
        }
        String[] parts = name.split("\\.");
        if (parts.length < 4 || !parts[0].equals("encoder") || !parts[1].startsWith("layer")) {
            throw new IllegalStateException("no Hugging Face key for the parameter '" + name + "'");
        }
        String layer = "encoder.layer." + parts[1].substring("layer".length()) + ".";
        String leaf = parts[parts.length - 1];
        return layer + switch (parts[2]) {
            case "self_attention" -> switch (parts[3]) {
                case "Wq" -> "attention.self.query.";
                case "Wk" -> "attention.self.key.";
                case "Wv" -> "attention.self.value.";
                case "Wo" -> "attention.output.dense.";
                default -> throw new IllegalStateException("no Hugging Face key for the parameter '" + name + "'");
            } + leaf;
            case "norm1" -> "attention.output.LayerNorm." + leaf;
            case "ffn" -> (parts[3].equals("linear1") ? "intermediate.dense." : "output.dense.") + leaf;
            case "norm2" -> "output.LayerNorm." + leaf;
            default -> throw new IllegalStateException("no Hugging Face key for the parameter '" + name + "'");
        };
    }

    private static void writeProvenance(HfCheckpoint ck, Converted c, Path out) {
        ObjectNode p = JSON.createObjectNode();
        p.put("format", "attn4j-import");
        p.put("from", ck.dir().toAbsolutePath().toString());
        p.put("model_type", "bert");
        ArrayNode arch = p.putArray("architectures");
        ck.config().path("architectures").forEach(arch::add);
        p.put("transformers_version", ck.getString("transformers_version", "unknown"));
        p.put("weights_dtype", ck.dtype());
        p.put("parameters", c.encoder().network().parameterCount());
        p.put("vocabulary", "vocab.txt, ids unchanged (" + c.encoder().tokenizer().vocabulary().size() + " tokens)");
        ArrayNode skipped = p.putArray("not_imported");
        c.skipped().forEach(skipped::add);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("import.json").toFile(), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("import.json") + ": " + e, e);
        }
    }

    /** The special-token keys of a tokenizer file: a string or an {@code {"content": ...}} object. */
    static String tokenValue(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isTextual() ? n.asText() : n.path("content").asText(null);
    }
}
