package org.attn4j.tokenizers;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.attn4j.api.PluginException;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.tokenizers.internal.TokenizerFile;

/**
 * The tokenizer providers by name: a small registry for code that does not go through the
 * Guice wiring in {@code core}. Discovery happens once, in {@link #discover}, with the class
 * loader the caller passes. Immutable and thread-safe.
 *
 * <pre>{@code
 * Tokenizers tokenizers = Tokenizers.discover(MyApp.class.getClassLoader());
 * Tokenizer bpe = tokenizers.create(Options.of("model.tokenizer", Map.of("name", "bpe", "merges", 8000)), lines);
 * bpe.save(modelDir);
 * Tokenizer again = tokenizers.load(modelDir);   // the same tokens as bpe
 * }</pre>
 */
public final class Tokenizers {
    /** The configuration key that names the provider. */
    public static final String NAME_KEY = "name";

    private final Map<String, TokenizerProvider> providers;

    private Tokenizers(Map<String, TokenizerProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /**
     * The providers listed in {@code META-INF/services/org.attn4j.api.spi.TokenizerProvider}
     * visible to {@code loader}.
     *
     * @throws PluginException if two providers share a name (the message names both classes)
     */
    public static Tokenizers discover(ClassLoader loader) {
        return of(ServiceLoader.load(TokenizerProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList());
    }

    /**
     * A registry of exactly {@code providers}.
     *
     * @throws PluginException if two providers share a name (the message names both classes)
     */
    public static Tokenizers of(List<? extends TokenizerProvider> providers) {
        Map<String, TokenizerProvider> byName = new TreeMap<>();
        for (TokenizerProvider p : providers) {
            TokenizerProvider before = byName.putIfAbsent(p.name(), p);
            if (before != null) {
                throw new PluginException("two tokenizer providers are named '" + p.name() + "': "
                        + before.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new Tokenizers(byName);
    }

    /** The provider names, sorted. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /**
     * The provider called {@code name}.
     *
     * @throws PluginException if there is none (the message lists the known names)
     */
    public TokenizerProvider provider(String name) {
        TokenizerProvider p = providers.get(name);
        if (p == null) {
            throw new PluginException("unknown tokenizer '" + name + "'; known tokenizers: " + names());
        }
        return p;
    }

    /**
     * A tokenizer from a configuration block {@code {name: ..., other options}}: the provider
     * named by {@value #NAME_KEY} gets the other keys.
     */
    public Tokenizer create(Options options, Iterable<String> trainingText) {
        String name = options.requireString(NAME_KEY);
        Map<String, Object> rest = new TreeMap<>(options.asMap());
        rest.remove(NAME_KEY);
        return provider(name).create(Options.of(options.where(), rest), trainingText);
    }

    /** Reloads the tokenizer saved in {@code dir} with the provider that wrote it. */
    public Tokenizer load(Path dir) {
        return provider(TokenizerFile.providerName(dir)).load(dir);
    }
}
