package org.attn4j.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.Options;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;

/**
 * A place where a configuration names a plugin, such as {@code model.decoder.attention.name}
 * holding {@code additive}; {@link Attn4jConfig#checkPlugins} checks each one against the
 * installed plugins.
 *
 * @param kind the extension point the name refers to
 * @param name the plugin name as written
 * @param key  the dotted path of the key that holds it
 */
public record PluginReference(PluginKind<?> kind, String name, String key) {
    public PluginReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    /** The attention name that asks a decoder for no attention at all (the classic encoder–decoder). */
    public static final String NO_ATTENTION = "none";

    /**
     * What is wrong with this reference in {@code plugins}: null if the plugin is installed,
     * otherwise a message naming the key, the name and the valid names.
     */
    public String problem(PluginRegistry plugins) {
        if (plugins.contains(kind, name) || kind == PluginKind.ATTENTION && name.equals(NO_ATTENTION)) {
            return null;
        }
        SortedSet<String> valid = plugins.names(kind);
        return "'" + key + "' is '" + name + "', which is not an installed " + kind.label() + " plugin; "
                + (valid.isEmpty() ? "no " + kind.label() + " plugin is installed" : "valid names: " + valid);
    }

    /** Throws one exception for all {@code problems}, if there are any. */
    static void failIfAny(List<String> problems) {
        if (problems.size() == 1) {
            throw new ConfigurationException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems.size() + " unknown plugin names:\n  " + String.join("\n  ", problems));
        }
    }

    /** The reference of a plugin block itself: its {@code name} key. */
    static PluginReference of(PluginKind<?> kind, PluginConfig block) {
        return new PluginReference(kind, block.name(), ConfigPaths.join(block.where(), PluginConfig.NAME));
    }

    /**
     * Adds every attention block nested anywhere in {@code options} (inside blocks and lists):
     * a block under a key {@code attention} or ending in {@code _attention}
     * ({@code self_attention}, {@code cross_attention}) that has a {@code name}.
     */
    static void addAttentionBlocks(Options options, List<PluginReference> out) {
        addAttentionBlocks(options.where(), options.asMap(), out);
    }

    private static void addAttentionBlocks(String where, Map<?, ?> block, List<PluginReference> out) {
        for (Map.Entry<?, ?> e : block.entrySet()) {
            String key = String.valueOf(e.getKey());
            String path = ConfigPaths.join(where, key);
            if (e.getValue() instanceof Map<?, ?> child) {
                Object name = child.get(PluginConfig.NAME);
                if ((key.equals("attention") || key.endsWith("_attention")) && name != null) {
                    out.add(new PluginReference(PluginKind.ATTENTION, String.valueOf(name),
                            ConfigPaths.join(path, PluginConfig.NAME)));
                }
                addAttentionBlocks(path, child, out);
            } else if (e.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> item) {
                        addAttentionBlocks(path + "[" + i + "]", item, out);
                    }
                }
            }
        }
    }
}
