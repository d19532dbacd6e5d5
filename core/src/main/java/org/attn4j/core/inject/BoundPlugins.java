package org.attn4j.core.inject;

import com.google.inject.Provider;
import java.util.Map;
import java.util.Set;

/**
 * Builds the injector's {@link PluginRegistry} from the map bindings, so that it holds what
 * was really bound (host additions and overrides included) and so that two values under one
 * name fail with a message naming both classes.
 */
final class BoundPlugins implements Provider<PluginRegistry> {
    private final Map<PluginKind<?>, Provider<?>> valuesByName;

    /** {@code valuesByName}: per kind, a provider of the {@code Map<String, Set<T>>} MapBinder binds. */
    BoundPlugins(Map<PluginKind<?>, Provider<?>> valuesByName) {
        this.valuesByName = Map.copyOf(valuesByName);
    }

    @Override
    public PluginRegistry get() {
        PluginRegistry.Builder builder = PluginRegistry.builder();
        for (PluginKind<?> kind : PluginKind.all()) {
            Provider<?> values = valuesByName.get(kind);
            if (values != null) {
                addAll(builder, kind, (Map<?, ?>) values.get());
            }
        }
        return builder.build();
    }

    private static <T> void addAll(PluginRegistry.Builder builder, PluginKind<T> kind, Map<?, ?> valuesByName) {
        for (Map.Entry<?, ?> entry : valuesByName.entrySet()) {
            for (Object provider : (Set<?>) entry.getValue()) {
                builder.add(kind, (String) entry.getKey(), kind.type().cast(provider));
            }
        }
    }
}
