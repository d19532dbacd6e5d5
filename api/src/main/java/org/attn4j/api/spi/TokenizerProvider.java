package org.attn4j.api.spi;

import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;

/**
 * Makes a tokenizer ({@code whitespace}, {@code opennlp}, {@code bpe}, ...). Implementations
 * are listed in {@code META-INF/services/org.attn4j.api.spi.TokenizerProvider} and found with
 * {@link java.util.ServiceLoader}; a provider needs a public no-argument constructor, is
 * stateless and thread-safe.
 */
public interface TokenizerProvider {

    /** The stable name configurations use, for example {@code bpe}. */
    String name();

    /** One line for {@code attn4j plugins}. */
    String description();

    /** The keys {@link #create} accepts, with their defaults. */
    List<OptionSpec> options();

    /**
     * A tokenizer from its options. One that learns from data (BPE) learns from
     * {@code trainingText}, one normalised line per element; the others ignore it and accept
     * {@code null}.
     *
     * @throws org.attn4j.api.ConfigurationException for an unknown key (the message lists the
     *         valid ones), a bad value, or missing training text where it is needed
     * @throws org.attn4j.api.ModelFormatException   if a model file the options name is
     *         missing, truncated or of the wrong format (the message names the file)
     */
    Tokenizer create(Options options, Iterable<String> trainingText);

    /**
     * Rebuilds a tokenizer saved with {@link Tokenizer#save} in {@code dir}.
     *
     * @throws org.attn4j.api.ModelFormatException if a file is missing, corrupt or was written
     *         by another provider (the message names the file)
     */
    Tokenizer load(Path dir);
}
