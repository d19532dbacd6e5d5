package org.attn4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.attn4j.api.ConfigurationException;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.HfBeamSearch;
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
 *   style: attn4j         # beam rules: attn4j (GNMT penalty) or hf (Hugging Face generate) [attn4j]
 *   early_stopping: false # hf style: stop a source once it has beam finished hypotheses [false]
 *   force_eos: false      # end an output that reaches max_length with EOS [false]
 * }</pre>
 *
 * @param beam          the beam size
 * @param lengthPenalty the length-penalty exponent
 * @param maxLength     the length cap
 * @param style         {@code attn4j} ({@link BeamSearch}) or {@code hf} ({@link HfBeamSearch})
 * @param earlyStopping for the {@code hf} style, Hugging Face's {@code early_stopping}
 * @param forceEos      the last token at the length cap is EOS (Hugging Face's {@code forced_eos_token_id})
 */
public record DecodingConfig(Integer beam, @JsonProperty("length_penalty") Double lengthPenalty,
        @JsonProperty("max_length") Integer maxLength, String style,
        @JsonProperty("early_stopping") Boolean earlyStopping, @JsonProperty("force_eos") Boolean forceEos) {
    /** The defaults: greedy, length penalty 0.6 (for a beam), no explicit cap. */
    public static final DecodingConfig DEFAULTS = new DecodingConfig(null, null, null);

    /** The beam style of attn4j's own models. */
    public static final String ATTN4J = "attn4j";
    /** The beam rules of Hugging Face's generate(), for imported checkpoints. */
    public static final String HF = "hf";

    /** The attn4j style with these three settings. */
    public DecodingConfig(Integer beam, Double lengthPenalty, Integer maxLength) {
        this(beam, lengthPenalty, maxLength, null, null, null);
    }

    public DecodingConfig {
        beam = beam == null ? 1 : beam;
        style = style == null ? ATTN4J : style;
        lengthPenalty = lengthPenalty == null ? (style.equals(HF) ? 1.0 : 0.6) : lengthPenalty;
        maxLength = maxLength == null ? 0 : maxLength;
        earlyStopping = earlyStopping != null && earlyStopping;
        forceEos = forceEos != null && forceEos;
        if (!style.equals(ATTN4J) && !style.equals(HF)) {
            throw new ConfigurationException("'decoding.style' must be attn4j or hf, got '" + style + "'");
        }
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
                maxLength != null ? maxLength : this.maxLength, style, earlyStopping, forceEos);
    }

    /** Greedy search for a beam of 1, else beam search of this style with this length penalty and cap. */
    public Search search() {
        if (beam == 1) {
            return new GreedySearch(maxLength, forceEos);
        }
        if (style.equals(HF)) {
            return new HfBeamSearch(beam, lengthPenalty, earlyStopping, forceEos, 1, maxLength);
        }
        if (forceEos) {
            throw new ConfigurationException("'decoding.force_eos' needs 'decoding.style: hf' for beam search");
        }
        return BeamSearch.builder(beam).optLengthPenalty(lengthPenalty).optMaxLength(maxLength).build();
    }
}
