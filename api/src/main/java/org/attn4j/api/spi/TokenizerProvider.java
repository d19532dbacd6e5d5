package org.attn4j.api.spi;

import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;

/**
 * Makes a tokenizer ({@code whitespace}, {@code opennlp}, {@code bpe}, ...). Listed in
 * {@code META-INF/services/org.attn4j.api.spi.TokenizerProvider}; stateless and thread-safe.
 */
public interface TokenizerProvider {

    String name();

    String description();

    List<OptionSpec> options();

    /**
     * A tokenizer from its options; one that learns from data (BPE) learns from
     * {@code trainingText}, which others ignore.
     */
    Tokenizer create(Options options, Iterable<String> trainingText);

    /** Rebuilds a tokenizer saved with {@link Tokenizer#save} in {@code dir}. */
    Tokenizer load(Path dir);
}
