package org.attn4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.attn4j.api.ConfigurationException;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Search;

/**
 * The {@code decoding} section: how a model translates when the caller does not say, for
 * instance the length penalty chosen on validation data. {@code attn4j translate} and
 * {@code evaluate} take these from the model's {@code config.json}; their options override each
 * key. Every key is optional; defaults in brackets.
 * <pre>{@code
 * decoding:
 *   beam: 5               # beam size, 1 decodes greedily [1]
 *   length_penalty: 3.0   # GNMT length-penalty exponent for beam search, >= 0 [0.6]
 *   max_length: 0         # longest output in tokens, 0 for 2 x source length + 10 [0]
 * }</pre>
 *
 * @param beam          the beam size
 * @param lengthPenalty the length-penalty exponent
 * @param maxLength     the length cap
 */
public record DecodingConfig(Integer beam, @JsonProperty("length_penalty") Double lengthPenalty,
        @JsonProperty("max_length") Integer maxLength) {
    /** The defaults: greedy, length penalty 0.6 (for a beam), no explicit cap. */
    public static final DecodingConfig DEFAULTS = new DecodingConfig(null, null, null);

    public DecodingConfig {
        beam = beam == null ? 1 : beam;
        lengthPenalty = lengthPenalty == null ? 0.6 : lengthPenalty;
        maxLength = maxLength == null ? 0 : maxLength;
        if (beam < 1) {
            throw new ConfigurationException("'decoding.beam' must be at least 1, got " + beam);
        }
        if (!(lengthPenalty >= 0) || Double.isInfinite(lengthPenalty)) {
            throw new ConfigurationException("'decoding.length_penalty' must be a finite number >= 0, got " + lengthPenalty);
        }
        if (maxLength < 0) {
            throw new ConfigurationException("'decoding.max_length' must be >= 0, got " + maxLength);
        }
    }

    /** This section with each non-null argument in place of its key (command-line overrides). */
    public DecodingConfig with(Integer beam, Double lengthPenalty, Integer maxLength) {
        return new DecodingConfig(beam != null ? beam : this.beam, lengthPenalty != null ? lengthPenalty : this.lengthPenalty,
                maxLength != null ? maxLength : this.maxLength);
    }

    /** Greedy search for a beam of 1, else beam search with this length penalty and cap. */
    public Search search() {
        return beam == 1 ? new GreedySearch(maxLength)
                : BeamSearch.builder(beam).optLengthPenalty(lengthPenalty).optMaxLength(maxLength).build();
    }
}
