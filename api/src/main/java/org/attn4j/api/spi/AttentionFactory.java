package org.attn4j.api.spi;

import java.util.random.RandomGenerator;
import org.attn4j.api.model.Attention;

/**
 * Builds attention modules by plugin name; given to encoder and decoder providers so that a
 * model picks any discovered variant, built-in or third-party, by configuration.
 */
public interface AttentionFactory {

    /** A new module of the variant called {@code name}; a {@link org.attn4j.api.PluginException} listing the known names otherwise. */
    Attention create(String name, AttentionSpec spec, RandomGenerator rng);
}
