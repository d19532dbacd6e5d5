package org.attn4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Modules;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.PluginException;
import org.attn4j.api.config.Options;
import org.attn4j.api.spi.AttentionFactory;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.api.spi.BackendProvider;
import org.attn4j.api.spi.DecoderProvider;
import org.attn4j.api.spi.EncoderProvider;
import org.attn4j.api.spi.TokenizerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Attn4jModuleTest {
    private static final Key<Map<String, AttentionProvider>> ATTENTION_MAP = Key.get(new TypeLiteral<>() { });
    private final PluginRegistry discovered = PluginDiscovery.discover(Attn4jModuleTest.class.getClassLoader());

    @Test
    void injectsTheDiscoveredProvidersThemselvesForEveryKind() {
        Injector injector = Guice.createInjector(new Attn4jModule(discovered));

        Map<String, AttentionProvider> attention = injector.getInstance(ATTENTION_MAP);
        assertThat(attention.keySet()).isEqualTo(discovered.names(PluginKind.ATTENTION));
        attention.forEach((name, provider) -> assertThat(provider).isSameAs(discovered.get(PluginKind.ATTENTION, name)));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, EncoderProvider>>() { })).keySet())
                .isEqualTo(discovered.names(PluginKind.ENCODER));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, DecoderProvider>>() { })).keySet())
                .isEqualTo(discovered.names(PluginKind.DECODER));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, TokenizerProvider>>() { })).keySet())
                .isEqualTo(discovered.names(PluginKind.TOKENIZER));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, BackendProvider>>() { })).keySet())
                .isEqualTo(discovered.names(PluginKind.BACKEND));
        assertThat(injector.getInstance(PluginRegistry.class).toString()).isEqualTo(discovered.toString());
    }

    @Test
    void theModuleDiscoversThroughTheHostsClassLoader(@TempDir Path dir) throws Exception {
        ChildLoaders.compileHiddenAttention(dir);

        try (URLClassLoader child = ChildLoaders.over(dir.resolve("classes"))) {
            Injector injector = Guice.createInjector(new Attn4jModule(child));

            assertThat(injector.getInstance(ATTENTION_MAP).get("test-hidden").getClass().getClassLoader()).isSameAs(child);
        }
    }

    @Test
    void theInjectedAttentionFactoryBuildsByName() {
        Injector injector = Guice.createInjector(new Attn4jModule(discovered));
        AttentionFactory factory = injector.getInstance(AttentionFactory.class);
        AttentionSpec spec = new AttentionSpec(4, 4, 4, Options.of("model.decoder.attention", Map.of("name", "test-scaled")));

        assertThat(((TestPlugins.RecordingAttention) factory.create("test-scaled", spec, new SplittableRandom(3))).builtBy)
                .isEqualTo("ScaledAttention");
        assertThatThrownBy(() -> factory.create("nope", spec, new SplittableRandom(3)))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("unknown attention plugin 'nope'")
                .hasMessageContaining("available: [test-dot, test-scaled]");
    }

    @Test
    void aHostAddsAPluginWithItsOwnMapBinder() {
        Injector injector = Guice.createInjector(new Attn4jModule(discovered), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, AttentionProvider.class)
                        .addBinding("test-host").to(TestPlugins.HostAttention.class);
            }
        });

        assertThat(injector.getInstance(ATTENTION_MAP)).containsKeys("test-dot", "test-scaled", "test-host");
        assertThat(injector.getInstance(PluginRegistry.class).names(PluginKind.ATTENTION))
                .containsExactly("test-dot", "test-host", "test-scaled");
        AttentionSpec spec = new AttentionSpec(4, 4, 4, Options.empty("model.decoder.attention"));
        assertThat(((TestPlugins.RecordingAttention) injector.getInstance(AttentionFactory.class)
                .create("test-host", spec, new SplittableRandom(3))).builtBy).isEqualTo("HostAttention");
    }

    @Test
    void aHostPluginUnderADiscoveredNameFailsNamingBothClasses() {
        AbstractModule host = new AbstractModule() {
            @Override
            protected void configure() {
                Attn4jModule.pluginBinder(binder(), PluginKind.ATTENTION)
                        .addBinding("test-dot").to(TestPlugins.SecondDotAttention.class);
            }
        };

        assertThatThrownBy(() -> Guice.createInjector(new Attn4jModule(discovered), host))
                .isInstanceOf(CreationException.class)
                // Guice shortens class names in its own message (and lists them in full in a legend) ...
                .hasMessageContaining("two attention plugins (AttentionProvider) are named 'test-dot'")
                .hasMessageContaining("TestPlugins$DotAttention")
                .hasMessageContaining("TestPlugins$SecondDotAttention")
                // ... the cause carries them in full.
                .rootCause()
                .isInstanceOf(PluginException.class)
                .hasMessageContaining(TestPlugins.DotAttention.class.getName() + " (from ")
                .hasMessageContaining(" and " + TestPlugins.SecondDotAttention.class.getName() + " (from ");
    }

    @Test
    void aHostReplacesADiscoveredPluginWithModulesOverride() {
        Injector injector = Guice.createInjector(Modules.override(new Attn4jModule(discovered)).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Attn4jModule.pluginKey(PluginKind.ATTENTION, "test-dot")).to(TestPlugins.SecondDotAttention.class);
            }
        }));

        assertThat(injector.getInstance(ATTENTION_MAP).get("test-dot")).isInstanceOf(TestPlugins.SecondDotAttention.class);
        assertThat(injector.getInstance(ATTENTION_MAP).get("test-scaled")).isInstanceOf(TestPlugins.ScaledAttention.class);
        AttentionSpec spec = new AttentionSpec(4, 4, 4, Options.empty("model.decoder.attention"));
        assertThat(((TestPlugins.RecordingAttention) injector.getInstance(AttentionFactory.class)
                .create("test-dot", spec, new SplittableRandom(3))).builtBy).isEqualTo("SecondDotAttention");
    }

    @Test
    void aHostReplacesTheAttentionFactoryWithModulesOverride() {
        AttentionFactory mine = (name, spec, rng) -> new TestPlugins.RecordingAttention("host factory", spec);
        Injector injector = Guice.createInjector(Modules.override(new Attn4jModule(discovered)).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(AttentionFactory.class).toInstance(mine);
            }
        }));

        assertThat(injector.getInstance(AttentionFactory.class)).isSameAs(mine);
    }

    @Test
    void oneRegistryCanBackSeveralInjectors() {
        Attn4jModule module = new Attn4jModule(discovered);

        Injector first = Guice.createInjector(module);
        Injector second = Guice.createInjector(module);

        assertThat(first.getInstance(ATTENTION_MAP).get("test-dot")).isSameAs(second.getInstance(ATTENTION_MAP).get("test-dot"));
    }
}
