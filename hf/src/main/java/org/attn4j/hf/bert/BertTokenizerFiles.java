package org.attn4j.hf.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.Options;
import org.attn4j.hf.HfCheckpoint;
import org.attn4j.tokenizers.WordPieceTokenizer;
import org.attn4j.tokenizers.WordPieceTokenizerProvider;

/**
 * The tokenizer of a Hugging Face BERT directory: {@code vocab.txt}, with the settings of
 * {@code tokenizer_config.json} and the special tokens of it or of {@code special_tokens_map.json}
 * (both optional; BertTokenizer's defaults otherwise), as a {@code wordpiece} tokenizer.
 */
record BertTokenizerFiles(WordPieceTokenizer tokenizer, SpecialTokens special) {
    static final String VOCAB = "vocab.txt";
    static final String CONFIG = "tokenizer_config.json";
    static final String SPECIAL = "special_tokens_map.json";
    private static final Set<String> CLASSES = Set.of("BertTokenizer", "BertTokenizerFast");

    static BertTokenizerFiles read(HfCheckpoint ck, BertSettings s) {
        Path vocab = ck.requireFile(VOCAB);
        Path configFile = ck.dir().resolve(CONFIG);
        JsonNode config = readOptional(configFile);
        JsonNode specialMap = readOptional(ck.dir().resolve(SPECIAL));
        String cls = config.path("tokenizer_class").asText("BertTokenizer");
        if (!CLASSES.contains(cls)) {
            throw new ModelFormatException(configFile + ": key 'tokenizer_class' is '" + cls + "'; attn4j reads "
                    + CLASSES + " (WordPiece over vocab.txt)");
        }
        if (!config.path("do_basic_tokenize").asBoolean(true)) {
            throw new ModelFormatException(configFile + ": key 'do_basic_tokenize' is false; attn4j always splits words"
                    + " and punctuation first, as BertTokenizer does by default");
        }
        JsonNode neverSplit = config.path("never_split");
        if (!neverSplit.isMissingNode() && !neverSplit.isNull() && !(neverSplit.isArray() && neverSplit.isEmpty())) {
            throw new ModelFormatException(configFile + ": key 'never_split' is " + neverSplit + "; attn4j does not keep"
                    + " words whole on request");
        }
        boolean lower = bool(config, "do_lower_case", true, configFile);
        JsonNode strip = config.path("strip_accents");
        String stripAccents = strip.isMissingNode() || strip.isNull() ? "auto" : strip.asBoolean() ? "always" : "never";
        Map<String, Object> options = new LinkedHashMap<>();
        options.put(WordPieceTokenizerProvider.VOCAB.name(), vocab.toAbsolutePath().toString());
        options.put("lowercase", lower);
        options.put(WordPieceTokenizerProvider.STRIP_ACCENTS.name(), stripAccents);
        options.put(WordPieceTokenizerProvider.CLEAN_TEXT.name(), true);
        options.put(WordPieceTokenizerProvider.CHINESE_CHARS.name(),
                bool(config, "tokenize_chinese_chars", true, configFile));
        WordPieceTokenizer tokenizer = (WordPieceTokenizer) new WordPieceTokenizerProvider()
                .create(Options.of(configFile.toString(), options), null);
        if (tokenizer.vocabulary().size() > s.vocabSize()) {
            throw new ModelFormatException(vocab + ": " + tokenizer.vocabulary().size() + " tokens, more than the"
                    + " vocab_size of " + ck.configFile() + " (" + s.vocabSize() + ")");
        }
        String where = config.isEmpty() ? ck.dir().resolve(SPECIAL).toString() : configFile.toString();
        SpecialTokens special = SpecialTokens.of(token(config, specialMap, "cls_token", "[CLS]"),
                token(config, specialMap, "sep_token", "[SEP]"), token(config, specialMap, "pad_token", "[PAD]"),
                token(config, specialMap, "unk_token", "[UNK]"), token(config, specialMap, "mask_token", "[MASK]"), tokenizer, where + " (or " + vocab.getFileName() + ")");
        return new BertTokenizerFiles(tokenizer, special);
    }

    private static String token(JsonNode config, JsonNode map, String key, String defaultValue) {
        String v = BertImporter.tokenValue(config.get(key));
        if (v == null) {
            v = BertImporter.tokenValue(map.get(key));
        }
        return v == null ? defaultValue : v;
    }

    private static boolean bool(JsonNode config, String key, boolean defaultValue, Path file) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isBoolean()) {
            throw new ModelFormatException(file + ": key '" + key + "' must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    private static JsonNode readOptional(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new ModelFormatException(file + ": not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
