package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Tensor;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.hf.HfCheckpoint;
import org.attn4j.tokenizers.WordPieceTokenizer;
import org.attn4j.tokenizers.WordPieceTokenizerProvider;

/**
 * A BERT encoder (Hugging Face's {@code BertModel}) on attn4j's Java engine, with its WordPiece
 * tokenizer: texts or text pairs in, hidden states, pooled output and every attention map out.
 *
 * <pre>{@code
 * BertEncoder bert = BertEncoder.load(Path.of("models/bert-tiny"));   // imported, or a Hugging Face directory
 * BertOutput out = bert.encode(List.of("The cat chased the mouse.", "Is it raining?"));
 * float[] cls = out.lastHiddenState()[0][0];               // [D] of [CLS] in the first text
 * float[][] heads = out.attentions()[1][0][2];             // layer 1, text 0, head 2: [T][T]
 * BertOutput pair = bert.encodePairs(List.of("Is it raining?"), List.of("No, it is sunny today."));
 * }</pre>
 *
 * <p>The results are those of {@code BertModel(**tokenizer(texts, padding=True),
 * output_attentions=True, output_hidden_states=True)} in eval mode (no dropout). Texts longer
 * than the position table ({@code max_position_embeddings}) are an error; nothing is truncated.
 * Immutable once loaded and safe to share between threads: each call works on its own buffers.
 */
public final class BertEncoder {
    /** The {@code model.kind} of an imported BERT's config.json. */
    public static final String KIND = "bert";
    static final String TOKENIZER_DIR = "tokenizer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BertNetwork network;
    private final WordPieceTokenizer tokenizer;
    private final SpecialTokens special;

    BertEncoder(BertNetwork network, WordPieceTokenizer tokenizer, SpecialTokens special) {
        this.network = network;
        this.tokenizer = tokenizer;
        this.special = special;
    }

    /**
     * Loads an imported BERT (the directory {@code attn4j import} wrote) or reads a Hugging Face
     * BERT directory ({@code config.json} with {@code model_type: bert}, {@code model.safetensors},
     * {@code vocab.txt}) directly.
     *
     * @throws ModelFormatException naming the file and key of whatever is missing or wrong
     */
    public static BertEncoder load(Path dir) {
        JsonNode config = readConfig(dir);
        if (config.path("model_type").isTextual()) {
            try (HfCheckpoint ck = HfCheckpoint.open(dir)) {
                return BertImporter.convert(ck).encoder();
            }
        }
        Path file = dir.resolve("config.json");
        if (!isBert(config)) {
            throw new ModelFormatException(file + ": key 'model.kind' is " + config.path("model").path("kind")
                    + ", not \"" + KIND + "\": not an imported BERT encoder");
        }
        JsonNode model = config.get("model");
        if (!model.path("encoder").isObject() || !model.path("vocab_size").canConvertToInt()) {
            throw new ModelFormatException(file + ": key 'model.encoder' or 'model.vocab_size' is missing");
        }
        if (!config.path("special_tokens").isObject()) {
            throw new ModelFormatException(file + ": key 'special_tokens' is missing");
        }
        Path tokenizerDir = dir.resolve(TOKENIZER_DIR);
        WordPieceTokenizer tokenizer = (WordPieceTokenizer) new WordPieceTokenizerProvider().load(tokenizerDir);
        BertNetwork network = BertNetwork.create((ObjectNode) model.get("encoder"), file + ": model.encoder",
                model.get("vocab_size").asInt(), model.path("pooler").asBoolean(false));
        Checkpoint.loadInto(network, dir.resolve(Checkpoint.WEIGHTS_FILE));
        return new BertEncoder(network, tokenizer,
                SpecialTokens.read((ObjectNode) config.get("special_tokens"), tokenizer, file.toString()));
    }

    /** Whether {@code dir} holds an imported BERT encoder (its config.json says {@code model.kind: bert}). */
    public static boolean isImportedBert(Path dir) {
        JsonNode config = configOrNull(dir);
        return config != null && isBert(config);
    }

    /**
     * Whether {@link #load} takes {@code dir} as a BERT: an imported one, or a Hugging Face
     * directory whose config.json says {@code model_type: bert}. Reads only config.json.
     */
    public static boolean isBertDirectory(Path dir) {
        JsonNode config = configOrNull(dir);
        return config != null && (isBert(config) || KIND.equals(config.path("model_type").asText(null)));
    }

    private static JsonNode configOrNull(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isBert(JsonNode config) {
        return config != null && KIND.equals(config.path("model").path("kind").asText(null));
    }

    private static JsonNode readConfig(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; a BERT model directory holds its config.json");
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new ModelFormatException(file + ": not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** D, the width of every hidden state. */
    public int hiddenSize() {
        return network.encoder().outputDim();
    }

    /** H, the attention heads of every layer. */
    public int heads() {
        return network.encoder().settings().heads();
    }

    /** L, the number of layers. */
    public int layers() {
        return network.encoder().layerCount();
    }

    /** The longest sequence, special tokens included ({@code max_position_embeddings}). */
    public int maxLength() {
        return network.encoder().settings().maxLength();
    }

    /** Whether the checkpoint has a pooler ({@link BertOutput#pooledOutput} is null otherwise). */
    public boolean hasPooler() {
        return network.hasPooler();
    }

    /** {@code [CLS] text [SEP]} for each text, padded to the longest. */
    public BertInput tokenize(List<String> texts) {
        return tokenize(texts, null);
    }

    /**
     * {@code [CLS] first [SEP] second [SEP]} for each pair (or without the second part when
     * {@code second} is null), padded to the longest.
     */
    public BertInput tokenize(List<String> first, List<String> second) {
        if (first == null || first.isEmpty()) {
            throw new IllegalArgumentException("give at least one text");
        }
        if (second != null && second.size() != first.size()) {
            throw new IllegalArgumentException("pairs need as many second texts (" + second.size() + ") as first ones ("
                    + first.size() + ")");
        }
        List<List<String>> tokens = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        int longest = 0;
        for (int b = 0; b < first.size(); b++) {
            List<String> t = new ArrayList<>();
            List<Integer> id = new ArrayList<>();
            t.add(special.cls());
            id.add(special.clsId());
            pieces(first.get(b), t, id);
            t.add(special.sep());
            id.add(special.sepId());
            int firstLength = t.size();
            if (second != null) {
                pieces(second.get(b), t, id);
                t.add(special.sep());
                id.add(special.sepId());
            }
            if (t.size() > maxLength()) {
                throw new IllegalArgumentException("text " + b + " is " + t.size() + " tokens with [CLS] and [SEP]; this"
                        + " BERT takes at most " + maxLength() + " (max_position_embeddings); shorten it");
            }
            int[] a = new int[t.size()];
            int[] ty = new int[t.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = id.get(k);
                ty[k] = k < firstLength ? 0 : 1;
            }
            tokens.add(t);
            ids.add(a);
            types.add(ty);
            longest = Math.max(longest, a.length);
        }
        int n = first.size();
        int[][] idArray = new int[n][longest];
        int[][] typeArray = new int[n][longest];
        int[][] mask = new int[n][longest];
        for (int b = 0; b < n; b++) {
            java.util.Arrays.fill(idArray[b], special.padId());
            System.arraycopy(ids.get(b), 0, idArray[b], 0, ids.get(b).length);
            System.arraycopy(types.get(b), 0, typeArray[b], 0, types.get(b).length);
            java.util.Arrays.fill(mask[b], 0, ids.get(b).length, 1);
        }
        return new BertInput(tokens, idArray, typeArray, mask);
    }

    /**
     * The tokens and ids of {@code text}: the special tokens written in it as themselves (exact
     * and case-sensitive, as BertTokenizer's added-token split), WordPiece between them.
     */
    private void pieces(String text, List<String> tokens, List<Integer> ids) {
        if (text == null) {
            throw new IllegalArgumentException("a text is null");
        }
        List<String> specials = special.inText();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            for (String s : specials) {
                if (text.startsWith(s, i)) {
                    wordPieces(text.substring(from, i), tokens, ids);
                    tokens.add(s);
                    ids.add(special.idOf(s));
                    i += s.length() - 1;
                    from = i + 1;
                    break;
                }
            }
        }
        wordPieces(text.substring(from), tokens, ids);
    }

    private void wordPieces(String text, List<String> tokens, List<Integer> ids) {
        for (String piece : tokenizer.split(text)) {
            int id = tokenizer.id(piece);
            tokens.add(id < 0 ? special.unk() : piece);
            ids.add(id < 0 ? special.unkId() : id);
        }
    }

    /** Encodes single texts. */
    public BertOutput encode(List<String> texts) {
        return encode(tokenize(texts));
    }

    /** Encodes text pairs ({@code first.get(b)}, {@code second.get(b)}). */
    public BertOutput encodePairs(List<String> first, List<String> second) {
        return encode(tokenize(first, second));
    }

    /** Encodes a tokenized batch (for example one made by {@link #tokenize}, or ids from elsewhere). */
    public BertOutput encode(BertInput input) {
        int b = input.batchSize();
        int t = input.length();
        int vocab = network.vocabularySize();
        long[] ids = new long[b * t];
        long[] types = new long[b * t];
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int id = input.inputIds()[i][j];
                int type = input.tokenTypeIds()[i][j];
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("input id " + id + " at [" + i + "][" + j + "] is outside the"
                            + " vocabulary of " + vocab);
                }
                if (type < 0 || type >= Math.max(1, network.encoder().tokenTypes())) {
                    throw new IllegalArgumentException("token type " + type + " at [" + i + "][" + j + "] is outside the "
                            + network.encoder().tokenTypes() + " types of this BERT");
                }
                ids[i * t + j] = id;
                types[i * t + j] = type;
                mask[i * t + j] = input.attentionMask()[i][j] != 0 ? 1f : 0f;
            }
        }
        if (t > maxLength()) {
            throw new IllegalArgumentException("sequences of " + t + " tokens are longer than this BERT takes ("
                    + maxLength() + ", max_position_embeddings)");
        }
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        return ops.noGrad(() -> {
            List<Tensor> weights = new ArrayList<>();
            List<Tensor> states = new ArrayList<>();
            Tensor last = network.encode(ops, ops.constantIds(ids, b, t), ops.constantIds(types, b, t),
                    ops.constant(mask, b, t), weights, states);
            int d = hiddenSize();
            float[][][][] hidden = new float[states.size()][][][];
            for (int l = 0; l < hidden.length; l++) {
                hidden[l] = rows3(floats(states.get(l)), b, t, d);
            }
            float[][][][][] attentions = new float[weights.size()][][][][];
            for (int l = 0; l < attentions.length; l++) {
                Tensor w = weights.get(l);
                int h = w.rank() == 4 ? w.dim(1) : 1;
                float[] v = floats(w);
                float[][][][] layer = new float[b][h][t][t];
                for (int i = 0; i < b; i++) {
                    for (int k = 0; k < h; k++) {
                        for (int q = 0; q < t; q++) {
                            System.arraycopy(v, ((i * h + k) * t + q) * t, layer[i][k][q], 0, t);
                        }
                    }
                }
                attentions[l] = layer;
            }
            float[][] pooled = null;
            if (network.hasPooler()) {
                float[] p = floats(network.pool(ops, last));
                pooled = new float[b][d];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(p, i * d, pooled[i], 0, d);
                }
            }
            return new BertOutput(input, rows3(floats(last), b, t, d), pooled, hidden, attentions);
        });
    }

    private static float[] floats(Tensor x) {
        return ((EagerTensor) x).floats();
    }

    private static float[][][] rows3(float[] v, int b, int t, int d) {
        float[][][] out = new float[b][t][d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                System.arraycopy(v, (i * t + j) * d, out[i][j], 0, d);
            }
        }
        return out;
    }

    /** The network, for the importer and tests. */
    BertNetwork network() {
        return network;
    }

    SpecialTokens specialTokens() {
        return special;
    }
}
