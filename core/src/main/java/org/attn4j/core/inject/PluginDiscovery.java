package org.attn4j.core.inject;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.attn4j.api.PluginException;

/**
 * Finds every plugin with {@link ServiceLoader}, once, through the class loader the host
 * passes in.
 *
 * <p>A plugin is a class that implements one of the SPI interfaces of
 * {@code org.attn4j.api.spi}, has a public no-argument constructor, and is listed in
 * {@code META-INF/services/<interface name>} of its jar (or provided by a named module). The
 * class loader decides what is seen: pass the one that loaded the host's plugins, for example
 * a {@link java.net.URLClassLoader} over a plugin folder; its parents are searched too.
 * <pre>{@code
 * PluginRegistry plugins = PluginDiscovery.discover(Thread.currentThread().getContextClassLoader());
 * }</pre>
 *
 * <p>Nothing is cached and nothing is global: each call instantiates every provider afresh,
 * so call it once at startup and keep the registry. Failures stop discovery with a
 * {@link PluginException}: two providers with one name (both classes named), a listed class
 * that is missing, is not an implementation, or throws in its constructor (that class named,
 * with the original error as the cause).
 */
public final class PluginDiscovery {

    private PluginDiscovery() {
    }

    /**
     * The calling thread's context class loader, or, when it has none, the one that loaded attn4j:
     * where a host that says nothing has its plugins.
     */
    public static ClassLoader contextLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : PluginDiscovery.class.getClassLoader();
    }

    /** Every provider of every {@link PluginKind} visible through {@code loader}. */
    public static PluginRegistry discover(ClassLoader loader) {
        return discover(loader, PluginKind.all());
    }

    /** The providers of the given kinds only; the other kinds stay empty. */
    public static PluginRegistry discover(ClassLoader loader, Collection<PluginKind<?>> kinds) {
        Objects.requireNonNull(loader, "class loader");
        PluginRegistry.Builder builder = PluginRegistry.builder();
        for (PluginKind<?> kind : List.copyOf(kinds)) {
            load(kind, loader, builder);
        }
        return builder.build();
    }

    private static <T> void load(PluginKind<T> kind, ClassLoader loader, PluginRegistry.Builder builder) {
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(kind.type(), loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> candidate;
            try {
                if (!it.hasNext()) {
                    return;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError e) {
                // The JDK's message names the listed class (not found, not a subtype, ...).
                throw wrap("cannot load the " + kind.label() + " plugins: " + e.getMessage(), e);
            }
            T provider;
            try {
                provider = candidate.get();
            } catch (ServiceConfigurationError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw wrap(kind.label() + " plugin " + candidate.type().getName() + " could not be created: " + cause, e);
            }
            builder.add(kind, provider);
        }
    }

    private static PluginException wrap(String message, Throwable cause) {
        PluginException e = new PluginException(message);
        e.initCause(cause);
        return e;
    }
}
