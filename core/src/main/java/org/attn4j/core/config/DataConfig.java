package org.attn4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.attn4j.api.ConfigurationException;

/**
 * The {@code data} section.
 * <pre>{@code
 * data:
 *   train: {source: train.de, target: train.en}     # or {tsv: pairs.tsv, source_column: 0, target_column: 1}
 *   valid: {source: val.de, target: val.en}         # optional
 *   valid_size: 0       # without valid: hold out this many training pairs (the last ones) [0]
 *   max_length: 100     # pairs with more tokens on either side are left out of training, and counted [100]
 * }</pre>
 */
public record DataConfig(CorpusConfig train, CorpusConfig valid, @JsonProperty("valid_size") Integer validSize,
        @JsonProperty("max_length") Integer maxLength) {

    public DataConfig {
        if (train == null) {
            throw new ConfigurationException("missing required key 'data.train'");
        }
        validSize = validSize == null ? 0 : validSize;
        maxLength = maxLength == null ? 100 : maxLength;
        if (validSize < 0 || maxLength < 1) {
            throw new ConfigurationException("'data.valid_size' must be >= 0 and 'data.max_length' >= 1");
        }
        if (valid != null && validSize > 0) {
            throw new ConfigurationException("'data.valid' and 'data.valid_size' exclude each other");
        }
    }
}
