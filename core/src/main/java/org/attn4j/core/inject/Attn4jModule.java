package org.attn4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import com.google.inject.util.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.attn4j.api.spi.AttentionFactory;

/**
 * Guice bindings for every plugin: install it, then inject {@code Map<String,
 * AttentionProvider>} (and the same for the other {@link PluginKind}s), a
 * {@link PluginRegistry} of everything bound, or an {@link AttentionFactory}.
 *
 * <p>Each provider found by discovery is bound twice: under its own key
 * {@link #pluginKey(PluginKind, String)}, and as the entry of that name in a
 * {@link MapBinder MapBinder&lt;String, T&gt;} that points at that key. A host can therefore
 * <ul>
 *   <li>add a plugin with its own map binder entry:
 *       {@code Attn4jModule.pluginBinder(binder(), PluginKind.ATTENTION).addBinding("mine").to(Mine.class)}
 *       (a plain {@code MapBinder.newMapBinder(binder(), String.class, AttentionProvider.class)}
 *       works as well);</li>
 *   <li>replace a discovered plugin with {@code Modules.override}:
 * <pre>{@code
 * Injector injector = Guice.createInjector(Modules.override(new Attn4jModule(loader)).with(new AbstractModule() {
 *     protected void configure() {
 *         bind(Attn4jModule.pluginKey(PluginKind.ATTENTION, "additive")).to(MyAdditive.class);
 *     }
 * }));
 * AttentionFactory attention = injector.getInstance(AttentionFactory.class);
 * }</pre></li>
 * </ul>
 * Overriding a map entry itself does not work in Guice ({@code Modules.override} adds map
 * entries instead of replacing them), which is why the entries point at keys.
 *
 * <p>Two entries under one name, whether both discovered or one added by the host, stop the
 * injector from being created; the {@link com.google.inject.CreationException} carries a
 * {@link org.attn4j.api.PluginException} that names both classes. The map binders permit
 * duplicates only so that this check, rather than Guice's own, which names binding sites but
 * not classes, reports them.
 *
 * <p>Discovery happens in the constructor that takes a class loader, once; the module holds
 * no global state and may be installed in any number of injectors.
 */
public final class Attn4jModule extends AbstractModule {
    private static final String KEY_PREFIX = "attn4j.plugin:";

    private final PluginRegistry plugins;

    /** Discovers the plugins visible through {@code loader} now; see {@link PluginDiscovery}. */
    public Attn4jModule(ClassLoader loader) {
        this(PluginDiscovery.discover(loader));
    }

    /** Binds the plugins of an existing registry (discovered earlier or built by hand). */
    public Attn4jModule(PluginRegistry plugins) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    /**
     * The key a plugin of {@code kind} named {@code name} is bound under; bind it in an
     * overriding module to replace that plugin.
     */
    public static <T> Key<T> pluginKey(PluginKind<T> kind, String name) {
        return Key.get(kind.type(), Names.named(KEY_PREFIX + Objects.requireNonNull(name, "name")));
    }

    /** The map binder of {@code kind}, for a host module that adds plugins. */
    public static <T> MapBinder<String, T> pluginBinder(Binder binder, PluginKind<T> kind) {
        MapBinder<String, T> map = MapBinder.newMapBinder(binder, String.class, kind.type());
        map.permitDuplicates();
        return map;
    }

    @Override
    protected void configure() {
        Map<PluginKind<?>, com.google.inject.Provider<?>> bound = new LinkedHashMap<>();
        for (PluginKind<?> kind : PluginKind.all()) {
            bindKind(kind);
            // With duplicates permitted, MapBinder also binds Map<String, Set<T>>: every value per name.
            bound.put(kind, getProvider(Key.get(Types.mapOf(String.class, Types.setOf(kind.type())))));
        }
        bind(PluginRegistry.class).toProvider(new BoundPlugins(bound)).asEagerSingleton();
    }

    private <T> void bindKind(PluginKind<T> kind) {
        MapBinder<String, T> map = pluginBinder(binder(), kind);
        plugins.all(kind).forEach((name, provider) -> {
            Key<T> key = pluginKey(kind, name);
            binder().withSource(kind.label() + " plugin '" + name + "': " + PluginRegistry.describe(provider))
                    .bind(key).toInstance(provider);
            map.addBinding(name).to(key);
        });
    }

    @Provides
    @Singleton
    AttentionFactory attentionFactory(PluginRegistry bound) {
        return bound.attentionFactory();
    }
}
