package org.attn4j.tokenizers.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;

/** Builds the word splitters the {@code whitespace}, {@code opennlp-simple} and {@code opennlp} tokenizers (and BPE's pre-tokenizer) use. */
public final class WordSplitters {
    public static final OptionSpec LANGUAGE = new OptionSpec("language", "[de, en, fr]", "en",
            "Language of the text: picks the detokenizer's spacing rules and, for opennlp, the class-path model.");
    public static final OptionSpec MODEL_FILE = new OptionSpec("modelFile", "string", "",
            "An OpenNLP tokenizer model file to use instead of the class-path model for the language.");
    public static final OptionSpec MAX_WORD_LENGTH = new OptionSpec("maxWordLength", "int", "256",
            "Longer whitespace-separated words skip the OpenNLP model and are split by the simple tokenizer's rules.");
    /** The name a user's model file gets inside a saved tokenizer's directory. */
    public static final String SAVED_MODEL_FILE = "opennlp-tokenizer.bin";
    /** The names {@link #create} knows. */
    public static final Set<String> NAMES = Set.of("whitespace", "opennlp-simple", "opennlp");

    private WordSplitters() {
    }

    /**
     * A splitter and what saving it needs.
     *
     * @param splitter     the splitter
     * @param savedOptions the splitter's options with resolved values, for the tokenizer file
     * @param modelSource  a user's model file to copy into a saved tokenizer, or null
     * @param modelName    the file name of the OpenNLP model in use, or null
     */
    public record Built(SpanSplitter splitter, Map<String, Object> savedOptions, Path modelSource, String modelName) {

        /** Copies the user's model file, if any, into {@code dir}. */
        public void saveFiles(Path dir) {
            if (modelSource != null) {
                AtomicFiles.copy(modelSource, dir.resolve(SAVED_MODEL_FILE));
            }
        }
    }

    /**
     * The splitter {@code name} from {@code options}.
     *
     * @param baseDir where a relative {@code modelFile} is resolved (a saved tokenizer's
     *                directory), or null for the working directory
     */
    public static Built create(String name, Options options, Path baseDir) {
        String language = options.getChoice(LANGUAGE.name(), "en", Set.of("de", "en", "fr"));
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put(LANGUAGE.name(), language);
        switch (name) {
            case "whitespace":
                return new Built(WhitespaceSplitter.INSTANCE, saved, null, null);
            case "opennlp-simple":
                return new Built(SimpleSplitter.INSTANCE, saved, null, null);
            case "opennlp":
                return openNlp(options, language, saved, baseDir);
            default:
                throw new IllegalArgumentException("unknown word splitter '" + name + "'; valid values: " + NAMES);
        }
    }

    private static Built openNlp(Options options, String language, Map<String, Object> saved, Path baseDir) {
        int maxWordLength = CommonOptions.intAtLeast(options, MAX_WORD_LENGTH.name(), 256, 1);
        String modelFile = options.getString(MODEL_FILE.name(), "");
        saved.put(MAX_WORD_LENGTH.name(), maxWordLength);
        OpenNlpModels.Loaded loaded;
        Path source = null;
        if (modelFile.isEmpty()) {
            loaded = OpenNlpModels.fromClassPath(language, WordSplitters.class.getClassLoader());
            saved.put(MODEL_FILE.name(), "");
        } else {
            source = baseDir == null ? Path.of(modelFile) : baseDir.resolve(modelFile);
            loaded = OpenNlpModels.fromFile(source);
            saved.put(MODEL_FILE.name(), SAVED_MODEL_FILE);
        }
        return new Built(new OpenNlpSplitter(loaded.model(), maxWordLength), saved, source, loaded.name());
    }

    /**
     * Checks that a class-path model in use now is the one a tokenizer was saved with, so that
     * a reloaded tokenizer splits exactly as it did.
     */
    public static void checkSameModel(Built built, String savedModelName, Path file) {
        if (savedModelName != null && built.modelSource() == null && !savedModelName.equals(built.modelName())) {
            throw new ModelFormatException(file + " was saved with the OpenNLP model '" + savedModelName
                    + "' but the class path now has '" + built.modelName() + "'; tokens would differ");
        }
    }
}
