package org.attn4j.core.inject;

import java.net.URL;
import java.security.CodeSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.attn4j.api.PluginException;
import org.attn4j.api.spi.AttentionFactory;

/**
 * The plugins a host can use: for every {@link PluginKind}, a map from plugin name to provider.
 *
 * <p>Built once, by {@link PluginDiscovery#discover(ClassLoader)} or by hand with
 * {@link #builder()}; the Guice {@link Attn4jModule} also injects one made from what is
 * actually bound, host additions and overrides included. A registry never holds two
 * providers under one name of one kind: the builder refuses the second with a
 * {@link PluginException} naming both classes.
 * <pre>{@code
 * PluginRegistry plugins = PluginDiscovery.discover(getClass().getClassLoader());
 * AttentionProvider additive = plugins.get(PluginKind.ATTENTION, "additive");
 * SortedSet<String> encoders = plugins.names(PluginKind.ENCODER);   // [rnn, transformer]
 * }</pre>
 *
 * <p>Immutable and thread-safe; providers are themselves required to be stateless.
 */
public final class PluginRegistry {
    private static final PluginRegistry EMPTY = new Builder().build();

    // Values are checked against kind.type() when added and cast back with Class.cast on the way out.
    private final Map<PluginKind<?>, SortedMap<String, Object>> byKind;

    private PluginRegistry(Map<PluginKind<?>, SortedMap<String, Object>> byKind) {
        Map<PluginKind<?>, SortedMap<String, Object>> copy = new LinkedHashMap<>();
        for (PluginKind<?> kind : PluginKind.all()) {
            copy.put(kind, Collections.unmodifiableSortedMap(new TreeMap<>(byKind.getOrDefault(kind, new TreeMap<>()))));
        }
        this.byKind = Collections.unmodifiableMap(copy);
    }

    /** A registry with no plugin of any kind. */
    public static PluginRegistry empty() {
        return EMPTY;
    }

    /** A builder to assemble a registry by hand (tests, hosts that do not use ServiceLoader). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The provider of {@code kind} called {@code name}.
     *
     * @throws PluginException if there is none; the message lists the available names, sorted
     */
    public <T> T get(PluginKind<T> kind, String name) {
        return get(kind, name, null);
    }

    /** Like {@link #get(PluginKind, String)}, with {@code where} (a configuration path) in the message. */
    <T> T get(PluginKind<T> kind, String name, String where) {
        Object provider = byKind.get(kind).get(name);
        if (provider == null) {
            String at = where == null || where.isEmpty() ? "" : " (" + where + ")";
            throw new PluginException("unknown " + kind.label() + " plugin '" + name + "'" + at + "; " + available(kind));
        }
        return kind.type().cast(provider);
    }

    /** The provider of {@code kind} called {@code name}, if there is one. */
    public <T> Optional<T> find(PluginKind<T> kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name)).map(kind.type()::cast);
    }

    /** Whether a provider of {@code kind} is called {@code name}. */
    public boolean contains(PluginKind<?> kind, String name) {
        return byKind.get(kind).containsKey(name);
    }

    /** The names of every provider of {@code kind}, sorted. */
    public SortedSet<String> names(PluginKind<?> kind) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byKind.get(kind).keySet()));
    }

    /** Every provider of {@code kind} by name, sorted by name; unmodifiable. */
    public <T> SortedMap<String, T> all(PluginKind<T> kind) {
        SortedMap<String, T> out = new TreeMap<>();
        byKind.get(kind).forEach((name, provider) -> out.put(name, kind.type().cast(provider)));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * An {@link AttentionFactory} over this registry's attention providers. It removes a
     * {@code name} key from the options block before the provider sees it, so a model may pass
     * a configuration block such as {@code {name: additive, dim: 256}} as it is.
     */
    public AttentionFactory attentionFactory() {
        return new RegistryAttentionFactory(this);
    }

    /** The tail of an unknown-name message: the sorted names, or why there are none. */
    String available(PluginKind<?> kind) {
        SortedSet<String> names = names(kind);
        if (names.isEmpty()) {
            return "no " + kind.label() + " plugin is installed (nothing registers " + kind.type().getName() + ")";
        }
        return "available: " + names;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PluginRegistry{");
        String sep = "";
        for (PluginKind<?> kind : PluginKind.all()) {
            sb.append(sep).append(kind.label()).append('=').append(byKind.get(kind).keySet());
            sep = ", ";
        }
        return sb.append('}').toString();
    }

    /** The class of a provider and, where known, the jar or folder it was loaded from. */
    static String describe(Object provider) {
        Class<?> c = provider.getClass();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return c.getName() + (location == null ? "" : " (from " + location + ")");
    }

    /**
     * Collects providers and refuses a second one under a name already taken. Not thread-safe;
     * each {@link #build()} takes a snapshot.
     */
    public static final class Builder {
        private final Map<PluginKind<?>, SortedMap<String, Object>> byKind = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds {@code provider} under its own {@code name()}. */
        public <T> Builder add(PluginKind<T> kind, T provider) {
            Objects.requireNonNull(provider, "provider");
            String name;
            try {
                name = kind.nameOf(provider);
            } catch (RuntimeException e) {
                PluginException pe = new PluginException(kind.label() + " plugin " + describe(provider)
                        + " failed in name(): " + e);
                pe.initCause(e);
                throw pe;
            }
            return add(kind, name, provider);
        }

        /**
         * Adds {@code provider} under {@code name}.
         *
         * @throws PluginException if the name is empty or holds whitespace, if the provider
         *                         does not implement the kind's interface, or if another
         *                         provider already has that name (the message names both)
         */
        public <T> Builder add(PluginKind<T> kind, String name, T provider) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(provider, "provider");
            if (!kind.type().isInstance(provider)) {
                throw new PluginException(describe(provider) + " is not a " + kind.type().getName());
            }
            if (name == null || name.isEmpty() || !name.equals(name.strip()) || name.chars().anyMatch(Character::isWhitespace)) {
                throw new PluginException(kind.label() + " plugin " + describe(provider) + " has an invalid name '"
                        + name + "': a name must be non-empty and hold no whitespace");
            }
            SortedMap<String, Object> names = byKind.computeIfAbsent(kind, k -> new TreeMap<>());
            Object previous = names.get(name);
            if (previous != null && previous != provider) {
                throw new PluginException("two " + kind.label() + " plugins (" + kind.type().getName() + ") are named '"
                        + name + "': " + describe(previous) + " and " + describe(provider)
                        + "; rename one or remove one from the class path");
            }
            names.put(name, provider);
            return this;
        }

        /** Adds every provider of {@code other}, under the names it has there. */
        public Builder addAll(PluginRegistry other) {
            for (PluginKind<?> kind : PluginKind.all()) {
                addAllOf(kind, other);
            }
            return this;
        }

        private <T> void addAllOf(PluginKind<T> kind, PluginRegistry other) {
            other.all(kind).forEach((name, provider) -> add(kind, name, provider));
        }

        /** An immutable registry of what was added so far. */
        public PluginRegistry build() {
            return new PluginRegistry(byKind);
        }
    }
}
