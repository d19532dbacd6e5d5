package org.attn4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.PluginException;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.spi.AttentionFactory;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {
    private final PluginRegistry plugins = PluginRegistry.builder()
            .add(PluginKind.ATTENTION, new TestPlugins.ScaledAttention())
            .add(PluginKind.ATTENTION, new TestPlugins.DotAttention())
            .add(PluginKind.ENCODER, new TestPlugins.TestEncoder())
            .build();

    @Test
    void anUnknownNameListsTheAvailableNamesSorted() {
        assertThatThrownBy(() -> plugins.get(PluginKind.ATTENTION, "additive"))
                .isInstanceOf(PluginException.class)
                .hasMessage("unknown attention plugin 'additive'; available: [test-dot, test-scaled]");
    }

    @Test
    void anUnknownNameOfAKindWithNoPluginSaysNoneIsInstalled() {
        assertThatThrownBy(() -> plugins.get(PluginKind.BACKEND, "onnx"))
                .isInstanceOf(PluginException.class)
                .hasMessage("unknown backend plugin 'onnx'; no backend plugin is installed (nothing registers "
                        + "org.attn4j.api.spi.BackendProvider)");
    }

    @Test
    void lookupsAndListingsAreByNameAndSorted() {
        assertThat(plugins.names(PluginKind.ATTENTION)).containsExactly("test-dot", "test-scaled");
        assertThat(plugins.all(PluginKind.ATTENTION).keySet()).containsExactly("test-dot", "test-scaled");
        assertThat(plugins.find(PluginKind.ATTENTION, "test-dot")).containsInstanceOf(TestPlugins.DotAttention.class);
        assertThat(plugins.find(PluginKind.ATTENTION, "nope")).isEmpty();
        assertThat(plugins.contains(PluginKind.ENCODER, "test-encoder")).isTrue();
        assertThat(plugins.contains(PluginKind.DECODER, "test-encoder")).isFalse();
        assertThat(plugins.toString()).contains("attention=[test-dot, test-scaled]", "encoder=[test-encoder]");
    }

    @Test
    void theRegistryCannotBeChangedThroughItsViews() {
        Map<String, AttentionProvider> all = plugins.all(PluginKind.ATTENTION);

        assertThatThrownBy(() -> all.put("x", new TestPlugins.HostAttention()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> plugins.names(PluginKind.ATTENTION).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuilderRefusesASecondProviderUnderATakenName() {
        PluginRegistry.Builder builder = PluginRegistry.builder().add(PluginKind.ATTENTION, new TestPlugins.DotAttention());

        assertThatThrownBy(() -> builder.add(PluginKind.ATTENTION, new TestPlugins.SecondDotAttention()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("two attention plugins (org.attn4j.api.spi.AttentionProvider) are named 'test-dot': "
                        + TestPlugins.DotAttention.class.getName())
                .hasMessageContaining(" and " + TestPlugins.SecondDotAttention.class.getName());
    }

    @Test
    void oneNameMayBeUsedByDifferentKinds() {
        PluginRegistry both = PluginRegistry.builder()
                .add(PluginKind.ATTENTION, "same", new TestPlugins.DotAttention())
                .add(PluginKind.ENCODER, "same", new TestPlugins.TestEncoder())
                .build();

        assertThat(both.names(PluginKind.ATTENTION)).containsExactly("same");
        assertThat(both.names(PluginKind.ENCODER)).containsExactly("same");
    }

    @Test
    void theAttentionFactoryStripsTheNameKeyAndKeepsTheRest() {
        AttentionFactory factory = plugins.attentionFactory();
        Options block = Options.of("model.decoder.attention", Map.of("name", "test-dot", "dim", 4));

        Attention attention = factory.create("test-dot", new AttentionSpec(8, 8, 8, block), new SplittableRandom(1));

        TestPlugins.RecordingAttention recorded = (TestPlugins.RecordingAttention) attention;
        assertThat(recorded.builtBy).isEqualTo("DotAttention");
        assertThat(recorded.spec.options().asMap()).containsExactly(Map.entry("dim", 4));
        assertThat(recorded.spec.options().where()).isEqualTo("model.decoder.attention");
        assertThat(recorded.spec.queryDim()).isEqualTo(8);
    }

    @Test
    void theAttentionFactoryNamesTheConfigurationBlockOfAnUnknownName() {
        AttentionSpec spec = new AttentionSpec(8, 8, 8, Options.of("model.decoder.attention", Map.of("name", "additiv")));

        assertThatThrownBy(() -> plugins.attentionFactory().create("additiv", spec, new SplittableRandom(1)))
                .isInstanceOf(PluginException.class)
                .hasMessage("unknown attention plugin 'additiv' (model.decoder.attention); available: [test-dot, test-scaled]");
    }

    @Test
    void theAttentionFactoryRefusesABlockNamingAnotherVariant() {
        AttentionSpec spec = new AttentionSpec(8, 8, 8, Options.of("model.decoder.attention", Map.of("name", "test-scaled")));

        assertThatThrownBy(() -> plugins.attentionFactory().create("test-dot", spec, new SplittableRandom(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("'model.decoder.attention.name' is 'test-scaled' but attention 'test-dot' was requested with this block");
    }
}
