package org.attn4j.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attn4j.api.config.Options;
import org.attn4j.core.inject.PluginKind;

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

    /** The reference of a plugin block itself: its {@code name} key. */
    static PluginReference of(PluginKind<?> kind, PluginConfig block) {
        return new PluginReference(kind, block.name(), ConfigPaths.join(block.where(), PluginConfig.NAME));
    }

    /**
     * Adds every attention block nested anywhere in {@code options}: a block under a key
     * {@code attention} or ending in {@code _attention} ({@code self_attention},
     * {@code cross_attention}) that has a {@code name}.
     */
    static void addAttentionBlocks(Options options, List<PluginReference> out) {
        addAttentionBlocks(options.where(), options.asMap(), out);
    }

    private static void addAttentionBlocks(String where, Map<?, ?> block, List<PluginReference> out) {
        for (Map.Entry<?, ?> e : block.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> child)) {
                continue;
            }
            String path = ConfigPaths.join(where, key);
            Object name = child.get(PluginConfig.NAME);
            if ((key.equals("attention") || key.endsWith("_attention")) && name != null) {
                out.add(new PluginReference(PluginKind.ATTENTION, String.valueOf(name), ConfigPaths.join(path, PluginConfig.NAME)));
            }
            addAttentionBlocks(path, child, out);
        }
    }
}
