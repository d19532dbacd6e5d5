package org.attn4j.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.Options;

/**
 * A plugin chosen by configuration: a block whose {@code name} key picks the plugin and whose
 * other keys are that plugin's own parameters.
 * <pre>{@code
 * decoder:
 *   name: rnn            # -> name()
 *   hidden: 512          # -> options(), read by the decoder provider
 *   attention: {name: additive, dim: 256}
 * }</pre>
 *
 * <p>{@link #options()} holds every key except {@code name}, so a provider can check them
 * with {@link Options#checkKeys} against its own list; its {@link Options#where()} is the
 * dotted path of the block ({@code model.decoder}) and prefixes every message. Nested plugin
 * blocks (the {@code attention} above) stay inside the options, {@code name} included; a
 * provider hands them to the {@link org.attn4j.api.spi.AttentionFactory}, which strips the
 * name. Immutable and thread-safe.
 *
 * @param name    the plugin name, never blank
 * @param options the plugin's parameters, without {@code name}
 */
public record PluginConfig(String name, Options options) {
    /** The key that names the plugin inside its block. */
    public static final String NAME = "name";

    public PluginConfig {
        Objects.requireNonNull(options, "options");
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("missing required key '" + ConfigPaths.join(options.where(), NAME) + "'");
        }
        if (options.has(NAME)) {
            throw new IllegalArgumentException("the options of plugin '" + name + "' (" + options.where()
                    + ") must not hold '" + NAME + "' again; use PluginConfig.of to split a block");
        }
    }

    /**
     * Splits a configuration block ({@code {name: additive, dim: 256}}) into the name and the
     * remaining options.
     *
     * @param where the dotted path of the block, for messages ({@code model.decoder.attention})
     * @throws ConfigurationException if {@code name} is missing or is not text
     */
    public static PluginConfig of(String where, Map<String, ?> block) {
        Object name = block.get(NAME);
        if (name != null && !(name instanceof String)) {
            throw new ConfigurationException("'" + ConfigPaths.join(where, NAME) + "' must be a plugin name (text), got '"
                    + name + "'");
        }
        Map<String, Object> rest = new LinkedHashMap<>(block);
        rest.remove(NAME);
        return new PluginConfig((String) name, Options.of(where, rest));
    }

    /** The dotted path of this block in the configuration. */
    public String where() {
        return options.where();
    }

    /** The block as it would be written: {@code name} first, then the options. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(NAME, name);
        out.putAll(options.asMap());
        return out;
    }
}
