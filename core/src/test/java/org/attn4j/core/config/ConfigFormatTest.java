package org.attn4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigFormatTest {

    @Test
    void theExtensionDecidesWhenItIsKnown() {
        assertThat(ConfigFormat.of(Path.of("a.json"), "model: x")).isEqualTo(ConfigFormat.JSON);
        assertThat(ConfigFormat.of(Path.of("a.YAML"), "{}")).isEqualTo(ConfigFormat.YAML);
        assertThat(ConfigFormat.of(Path.of("dir/a.yml"), "{}")).isEqualTo(ConfigFormat.YAML);
    }

    @Test
    void otherwiseTheFirstCharacterDecides() {
        assertThat(ConfigFormat.of(Path.of("config"), "\uFEFF \n {\"model\": {}}")).isEqualTo(ConfigFormat.JSON);
        assertThat(ConfigFormat.detect("[1]")).isEqualTo(ConfigFormat.JSON);
        assertThat(ConfigFormat.detect("# comment\nmodel: {}")).isEqualTo(ConfigFormat.YAML);
        assertThat(ConfigFormat.detect("")).isEqualTo(ConfigFormat.YAML);
    }
}
