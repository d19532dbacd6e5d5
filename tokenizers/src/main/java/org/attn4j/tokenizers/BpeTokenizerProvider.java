package org.attn4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.BpeModel;
import org.attn4j.tokenizers.internal.CommonOptions;
import org.attn4j.tokenizers.internal.TokenizerFile;
import org.attn4j.tokenizers.internal.WordSplitters;

/**
 * {@code bpe}: learns a {@link BpeTokenizer} from training text, or reloads one. Options:
 * {@code lowercase} (false), {@code onInvalidChar} (error), {@code merges} (8000),
 * {@code minPairFrequency} (2), {@code pretokenizer} (opennlp-simple; or whitespace, opennlp),
 * and for the {@code opennlp} pre-tokenizer {@code language} (en), {@code modelFile} (none),
 * {@code maxWordLength} (256).
 */
public final class BpeTokenizerProvider implements TokenizerProvider {
    public static final OptionSpec MERGES = new OptionSpec("merges", "int", "8000",
            "How many merges to learn (fewer if no pair occurs minPairFrequency times).");
    public static final OptionSpec MIN_PAIR_FREQUENCY = new OptionSpec("minPairFrequency", "int", "2",
            "A symbol pair seen fewer times than this in the training text is never merged.");
    public static final OptionSpec PRETOKENIZER = new OptionSpec("pretokenizer", "[opennlp, opennlp-simple, whitespace]",
            "opennlp-simple", "The word tokenizer that splits text before BPE.");
    private static final List<OptionSpec> OPTIONS = CommonOptions.with(MERGES, MIN_PAIR_FREQUENCY, PRETOKENIZER,
            WordSplitters.LANGUAGE, WordSplitters.MODEL_FILE, WordSplitters.MAX_WORD_LENGTH);

    @Override
    public String name() {
        return BpeTokenizer.NAME;
    }

    @Override
    public String description() {
        return "Byte-pair-encoding subwords learned from training text; lossless decoding.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    /**
     * Learns merges from {@code trainingText}.
     *
     * @throws ConfigurationException if {@code trainingText} is null or a setting is invalid
     * @throws IllegalArgumentException naming the line if a training line fails normalisation
     */
    @Override
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        if (trainingText == null) {
            throw new ConfigurationException("'" + options.where() + "': bpe learns its merges from training text, and none"
                    + " was given");
        }
        Setup setup = setup(options, null);
        int merges = CommonOptions.intAtLeast(options, MERGES.name(), 8000, 0);
        int minPairFrequency = CommonOptions.intAtLeast(options, MIN_PAIR_FREQUENCY.name(), 2, 1);
        setup.saved.put(MERGES.name(), merges);
        setup.saved.put(MIN_PAIR_FREQUENCY.name(), minPairFrequency);
        BpeModel model = BpeTokenizer.learn(setup.normalizer, setup.pretokenizer, trainingText, merges, minPairFrequency);
        return new BpeTokenizer(setup.normalizer, setup.pretokenizer, model, setup.saved);
    }

    @Override
    public Tokenizer load(Path dir) {
        return TokenizerFile.load(dir, BpeTokenizer.NAME, (root, options) -> {
            Path file = dir.resolve(TokenizerFile.FILE_NAME);
            Setup setup = setup(options, dir);
            WordSplitters.checkSameModel(setup.pretokenizer.splitter(), root.path("opennlpModel").asText(null), file);
            setup.saved.put(MERGES.name(), options.getInt(MERGES.name(), 8000));
            setup.saved.put(MIN_PAIR_FREQUENCY.name(), options.getInt(MIN_PAIR_FREQUENCY.name(), 2));
            return new BpeTokenizer(setup.normalizer, setup.pretokenizer, new BpeModel(merges(root, file)), setup.saved);
        });
    }

    private record Setup(TextNormalizer normalizer, WordTokenizer pretokenizer, Map<String, Object> saved) {
    }

    private static Setup setup(Options options, Path baseDir) {
        CommonOptions.check(options, OPTIONS);
        TextNormalizer normalizer = CommonOptions.normalizer(options);
        String pre = options.getChoice(PRETOKENIZER.name(), "opennlp-simple", WordSplitters.NAMES);
        WordSplitters.Built built = WordSplitters.create(pre, options, baseDir);
        Map<String, Object> saved = new LinkedHashMap<>(CommonOptions.saved(normalizer));
        saved.put(PRETOKENIZER.name(), pre);
        saved.putAll(built.savedOptions());
        return new Setup(normalizer, new WordTokenizer(pre, normalizer, built, null), saved);
    }

    private static List<String[]> merges(ObjectNode root, Path file) {
        JsonNode array = root.get("merges");
        if (array == null || !array.isArray()) {
            throw new ModelFormatException(file + " has no \"merges\" array");
        }
        List<String[]> merges = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode m = array.get(i);
            if (!m.isArray() || m.size() != 2 || !m.get(0).isTextual() || !m.get(1).isTextual()
                    || m.get(0).asText().isEmpty() || m.get(1).asText().isEmpty()) {
                throw new ModelFormatException(file + ": merge " + i + " must be a pair of non-empty strings, found " + m);
            }
            merges.add(new String[] {m.get(0).asText(), m.get(1).asText()});
        }
        return merges;
    }
}
