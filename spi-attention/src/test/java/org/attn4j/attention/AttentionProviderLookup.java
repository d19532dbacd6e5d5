package org.attn4j.attention;

import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;

/** Finds attention providers by name through plugin discovery, as a configuration does. */
final class AttentionProviderLookup {
    private final PluginRegistry registry = PluginDiscovery.discover(getClass().getClassLoader());

    AttentionProvider find(String name) {
        return registry.get(PluginKind.ATTENTION, name);
    }
}
