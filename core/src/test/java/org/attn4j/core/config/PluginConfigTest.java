package org.attn4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.Options;
import org.junit.jupiter.api.Test;

class PluginConfigTest {

    @Test
    void splitsTheNameFromTheOptionsAndWritesThemBackNameFirst() {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("dim", 256);
        block.put("name", "additive");

        PluginConfig config = PluginConfig.of("model.decoder.attention", block);

        assertThat(config.name()).isEqualTo("additive");
        assertThat(config.options().asMap()).containsExactly(Map.entry("dim", 256));
        assertThat(config.where()).isEqualTo("model.decoder.attention");
        assertThat(config.toMap()).containsExactly(Map.entry("name", "additive"), Map.entry("dim", 256));
    }

    @Test
    void theOptionsCheckTheirKeysWithoutTheName() {
        PluginConfig config = PluginConfig.of("model.decoder", Map.of("name", "rnn", "hiden", 3));

        assertThatThrownBy(() -> config.options().checkKeys(java.util.Set.of("hidden", "cell")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown key 'model.decoder.hiden'; valid keys: [cell, hidden]");
    }

    @Test
    void aBlankOrMissingNameIsAMissingKey() {
        assertThatThrownBy(() -> PluginConfig.of("model.encoder", Map.of("hidden", 3)))
                .isInstanceOf(ConfigurationException.class).hasMessage("missing required key 'model.encoder.name'");
        assertThatThrownBy(() -> new PluginConfig(" ", Options.empty("model.encoder")))
                .isInstanceOf(ConfigurationException.class).hasMessage("missing required key 'model.encoder.name'");
    }

    @Test
    void optionsMayNotCarryTheNameTwice() {
        assertThatThrownBy(() -> new PluginConfig("rnn", Options.of("model.encoder", Map.of("name", "rnn"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not hold 'name' again");
    }
}
