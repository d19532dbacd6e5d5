package org.attn4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.attn4j.api.PluginException;
import org.attn4j.api.spi.AttentionProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {
    private final ClassLoader testLoader = PluginDiscoveryTest.class.getClassLoader();

    @Test
    void findsTheProvidersRegisteredInMetaInfServicesOfEveryKind() {
        PluginRegistry plugins = PluginDiscovery.discover(testLoader);

        assertThat(plugins.names(PluginKind.ATTENTION)).contains("test-dot", "test-scaled");
        assertThat(plugins.get(PluginKind.ATTENTION, "test-dot")).isInstanceOf(TestPlugins.DotAttention.class);
        assertThat(plugins.get(PluginKind.ENCODER, "test-encoder")).isInstanceOf(TestPlugins.TestEncoder.class);
        assertThat(plugins.get(PluginKind.DECODER, "test-decoder")).isInstanceOf(TestPlugins.TestDecoder.class);
        assertThat(plugins.get(PluginKind.TOKENIZER, "test-tokenizer")).isInstanceOf(TestPlugins.TestTokenizer.class);
        assertThat(plugins.get(PluginKind.BACKEND, "test-backend")).isInstanceOf(TestPlugins.TestBackend.class);
    }

    @Test
    void eachCallMakesFreshProvidersNothingIsCached() {
        PluginRegistry first = PluginDiscovery.discover(testLoader);
        PluginRegistry second = PluginDiscovery.discover(testLoader);

        assertThat(second.get(PluginKind.ATTENTION, "test-dot")).isNotSameAs(first.get(PluginKind.ATTENTION, "test-dot"));
    }

    @Test
    void onlyTheRequestedKindsAreLoaded() {
        PluginRegistry plugins = PluginDiscovery.discover(testLoader, List.of(PluginKind.ENCODER));

        assertThat(plugins.names(PluginKind.ENCODER)).contains("test-encoder");
        assertThat(plugins.names(PluginKind.ATTENTION)).isEmpty();
    }

    @Test
    void aChildLoaderSeesAPluginItsParentCannot(@TempDir Path dir) throws Exception {
        ChildLoaders.compileHiddenAttention(dir);

        try (URLClassLoader child = ChildLoaders.over(dir.resolve("classes"))) {
            PluginRegistry plugins = PluginDiscovery.discover(child);

            AttentionProvider hidden = plugins.get(PluginKind.ATTENTION, "test-hidden");
            assertThat(hidden.getClass().getName()).isEqualTo("hidden.HiddenAttention");
            assertThat(hidden.getClass().getClassLoader()).isSameAs(child);
            assertThat(plugins.names(PluginKind.ATTENTION)).contains("test-dot", "test-scaled");
        }
        assertThat(PluginDiscovery.discover(testLoader).names(PluginKind.ATTENTION)).doesNotContain("test-hidden");
        assertThatThrownBy(() -> Class.forName("hidden.HiddenAttention", false, testLoader))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void twoProvidersWithOneNameFailNamingBothClassesAndTheInterface(@TempDir Path dir) throws Exception {
        ChildLoaders.register(dir, AttentionProvider.class, TestPlugins.SecondDotAttention.class.getName());

        try (URLClassLoader child = ChildLoaders.over(dir)) {
            assertThatThrownBy(() -> PluginDiscovery.discover(child))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("'test-dot'")
                    .hasMessageContaining(TestPlugins.DotAttention.class.getName())
                    .hasMessageContaining(TestPlugins.SecondDotAttention.class.getName())
                    .hasMessageContaining(AttentionProvider.class.getName());
        }
    }

    @Test
    void aListedClassThatDoesNotExistIsNamed(@TempDir Path dir) throws Exception {
        ChildLoaders.register(dir, AttentionProvider.class, "com.example.NoSuchAttention");

        try (URLClassLoader child = ChildLoaders.over(dir)) {
            assertThatThrownBy(() -> PluginDiscovery.discover(child))
                    .isInstanceOf(PluginException.class)
                    .hasMessageStartingWith("cannot load the attention plugins")
                    .hasMessageContaining("com.example.NoSuchAttention")
                    .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
        }
    }

    @Test
    void aProviderWhoseConstructorFailsIsNamedWithTheCause(@TempDir Path dir) throws Exception {
        ChildLoaders.register(dir, AttentionProvider.class, TestPlugins.ExplodingAttention.class.getName());

        try (URLClassLoader child = ChildLoaders.over(dir)) {
            assertThatThrownBy(() -> PluginDiscovery.discover(child))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("attention plugin " + TestPlugins.ExplodingAttention.class.getName()
                            + " could not be created")
                    .hasMessageContaining("boom: missing native library")
                    .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
        }
    }

    @Test
    void aClassListedUnderTheWrongInterfaceIsNamed(@TempDir Path dir) throws Exception {
        ChildLoaders.register(dir, AttentionProvider.class, TestPlugins.TestEncoder.class.getName());

        try (URLClassLoader child = ChildLoaders.over(dir)) {
            assertThatThrownBy(() -> PluginDiscovery.discover(child))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining(TestPlugins.TestEncoder.class.getName())
                    .hasMessageContaining("not a subtype");
        }
    }

    @Test
    void aBlankNameIsRefusedNamingTheClass(@TempDir Path dir) throws Exception {
        ChildLoaders.register(dir, AttentionProvider.class, TestPlugins.BlankNameAttention.class.getName());

        try (URLClassLoader child = ChildLoaders.over(dir)) {
            assertThatThrownBy(() -> PluginDiscovery.discover(child))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining(TestPlugins.BlankNameAttention.class.getName())
                    .hasMessageContaining("invalid name ' '");
        }
    }

    @Test
    void aNullClassLoaderIsRefused() {
        assertThatThrownBy(() -> PluginDiscovery.discover(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("class loader");
    }
}
