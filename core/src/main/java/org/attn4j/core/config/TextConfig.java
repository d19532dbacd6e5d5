package org.attn4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.Options;

/**
 * The {@code tokenizer} section: how each side becomes tokens, and the vocabularies.
 * <pre>{@code
 * tokenizer:
 *   source: {name: bpe, merges: 8000}      # any tokenizer plugin with its options [{name: bpe}]
 *   target: {name: bpe, merges: 8000}      # [same as source]
 *   min_frequency: 1                       # tokens rarer in the training data map to <unk> [1]
 *   max_size: 0                            # vocabulary cap, 0 for none [0]
 * }</pre>
 */
public record TextConfig(PluginConfig source, PluginConfig target, @JsonProperty("min_frequency") Integer minFrequency,
        @JsonProperty("max_size") Integer maxSize) {

    public TextConfig {
        source = source == null ? new PluginConfig("bpe", Options.empty("tokenizer.source")) : source;
        target = target == null ? source : target;
        minFrequency = minFrequency == null ? 1 : minFrequency;
        maxSize = maxSize == null ? 0 : maxSize;
        if (minFrequency < 1 || maxSize < 0) {
            throw new ConfigurationException("'tokenizer.min_frequency' must be >= 1 and 'tokenizer.max_size' >= 0");
        }
    }

    public static TextConfig defaults() {
        return new TextConfig(null, null, null, null);
    }
}
