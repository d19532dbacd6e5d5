package org.attn4j.tokenizers.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import opennlp.tools.tokenize.TokenizerModel;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;

/**
 * Finds and loads OpenNLP tokenizer models: from a file the user names, or from the published
 * {@code org.apache.opennlp:opennlp-models-tokenizer-<lang>} jars on the class path. Those
 * jars each hold a {@code model.properties} at their root ({@code model.name},
 * {@code model.language}, ...) next to the model file it names; every such properties file
 * whose model name marks a tokenizer ({@code -tokens-}) is considered, and the known model file
 * names of the pinned jars are tried directly for the rest (a shaded jar keeps only one
 * {@code model.properties}).
 */
public final class OpenNlpModels {
    private static final String PROPERTIES = "model.properties";
    /**
     * The model files of the pinned {@code opennlp-models-tokenizer-*} 1.3.0 jars. A shaded
     * (fat) jar keeps only one of the jars' identically named {@code model.properties}, so
     * these names are looked up directly for languages the properties did not list.
     */
    private static final Map<String, String> KNOWN_MODELS = Map.of(
            "en", "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin",
            "de", "opennlp-de-ud-gsd-tokens-1.3-2.5.4.bin");

    private OpenNlpModels() {
    }

    /**
     * A loaded model.
     *
     * @param model    the OpenNLP model (thread-safe; the {@code TokenizerME} over it is not)
     * @param name     the model's file name
     * @param language the language the model was trained for
     */
    public record Loaded(TokenizerModel model, String name, String language) {
    }

    /**
     * The class-path model for {@code language}.
     *
     * @throws ConfigurationException if no tokenizer model for that language is on the class path
     */
    public static Loaded fromClassPath(String language, ClassLoader loader) {
        TreeMap<String, URL> available = classPathModels(loader);
        URL url = available.get(language);
        if (url == null) {
            throw new ConfigurationException("no OpenNLP tokenizer model for language '" + language
                    + "' on the class path (found: " + available.keySet()
                    + "); add org.apache.opennlp:opennlp-models-tokenizer-" + language + " or name a model with modelFile");
        }
        String name = fileName(url);
        try (InputStream in = new BufferedInputStream(url.openStream())) {
            return new Loaded(read(in, url.toString()), name, language);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read OpenNLP tokenizer model " + url + ": " + e.getMessage(), e);
        }
    }

    /** Languages with a tokenizer model on the class path, mapped to the model's location. */
    public static TreeMap<String, URL> classPathModels(ClassLoader loader) {
        TreeMap<String, URL> found = new TreeMap<>();
        try {
            for (URL props : Collections.list(loader.getResources(PROPERTIES))) {
                Properties p = new Properties();
                try (InputStream in = props.openStream()) {
                    p.load(in);
                }
                String name = p.getProperty("model.name");
                String language = p.getProperty("model.language");
                if (name != null && language != null && name.contains("-tokens-")) {
                    found.putIfAbsent(language, new URL(props, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list OpenNLP models on the class path: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> known : KNOWN_MODELS.entrySet()) {
            if (!found.containsKey(known.getKey())) {
                URL url = loader.getResource(known.getValue());
                if (url != null) {
                    found.put(known.getKey(), url);
                }
            }
        }
        return found;
    }

    /** The languages {@link #fromClassPath} can serve, sorted. */
    public static TreeSet<String> classPathLanguages(ClassLoader loader) {
        return new TreeSet<>(classPathModels(loader).keySet());
    }

    /**
     * The model in {@code file}.
     *
     * @throws ModelFormatException naming the file if it is missing, truncated or not an OpenNLP
     *                              tokenizer model
     */
    public static Loaded fromFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException("OpenNLP tokenizer model " + file + " is a directory, not a model file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            TokenizerModel model = read(in, file.toString());
            return new Loaded(model, String.valueOf(file.getFileName()), model.getLanguage());
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("OpenNLP tokenizer model file not found: " + file);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read OpenNLP tokenizer model " + file + ": " + e.getMessage(), e);
        }
    }

    private static TokenizerModel read(InputStream in, String source) {
        try {
            return new TokenizerModel(in);
        } catch (IOException | RuntimeException e) {
            // OpenNLP reports a bad model as InvalidFormatException, a ZipException or a runtime
            // exception from deep inside; all mean the same to the caller.
            throw new ModelFormatException(source + " is not a readable OpenNLP tokenizer model (truncated, corrupt or"
                    + " of another kind): " + e, e);
        }
    }

    private static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
