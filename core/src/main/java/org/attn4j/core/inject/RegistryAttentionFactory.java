package org.attn4j.core.inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.PluginException;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.spi.AttentionFactory;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;

/** {@link AttentionFactory} over a {@link PluginRegistry}; see {@link PluginRegistry#attentionFactory()}. */
final class RegistryAttentionFactory implements AttentionFactory {
    private static final String NAME = "name";

    private final PluginRegistry plugins;

    RegistryAttentionFactory(PluginRegistry plugins) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    @Override
    public Attention create(String name, AttentionSpec spec, RandomGenerator rng) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rng, "rng");
        Options options = spec.options();
        AttentionProvider provider = plugins.get(PluginKind.ATTENTION, name, options.where());
        Attention attention = provider.create(withoutName(name, spec), rng);
        if (attention == null) {
            throw new PluginException("attention plugin " + PluginRegistry.describe(provider) + " returned null for '"
                    + name + "' (" + options.where() + ")");
        }
        return attention;
    }

    // A configuration block carries its plugin's name beside the plugin's own keys; the
    // provider sees its keys only, so its checkKeys need not allow "name".
    private static AttentionSpec withoutName(String name, AttentionSpec spec) {
        Options options = spec.options();
        if (!options.has(NAME)) {
            return spec;
        }
        String inBlock = String.valueOf(options.asMap().get(NAME));
        if (!inBlock.equals(name)) {
            String where = options.where() == null || options.where().isEmpty() ? NAME : options.where() + "." + NAME;
            throw new ConfigurationException("'" + where + "' is '" + inBlock + "' but attention '" + name
                    + "' was requested with this block");
        }
        Map<String, Object> rest = new LinkedHashMap<>(options.asMap());
        rest.remove(NAME);
        return new AttentionSpec(spec.queryDim(), spec.keyDim(), spec.valueDim(), Options.of(options.where(), rest));
    }
}
