package org.attn4j.api.spi;

import java.util.List;
import java.util.random.RandomGenerator;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.model.Attention;

/**
 * Makes one attention variant. Implementations are listed in
 * {@code META-INF/services/org.attn4j.api.spi.AttentionProvider} and found with
 * {@link java.util.ServiceLoader}; the built-in variants are registered exactly the same way.
 * A provider needs a public no-argument constructor, is stateless and thread-safe.
 */
public interface AttentionProvider {

    /** The stable name configurations use, for example {@code additive}. */
    String name();

    /** One line for {@code attn4j plugins}. */
    String description();

    /** The keys {@link AttentionSpec#options()} may hold. */
    List<OptionSpec> options();

    /** A new attention module with freshly initialised parameters drawn from {@code rng}. */
    Attention create(AttentionSpec spec, RandomGenerator rng);
}
