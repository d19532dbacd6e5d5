package org.attn4j.core.config;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.core.inject.PluginKind;

/**
 * The architecture: which encoder and decoder plugins to use, with their parameters.
 * <pre>{@code
 * model:
 *   encoder: {name: rnn, cell: gru, hidden: 256, bidirectional: true}
 *   decoder: {name: rnn, cell: gru, hidden: 256, attention: {name: additive, dim: 256}}
 * }</pre>
 * Both keys are required. Immutable and thread-safe.
 *
 * @param encoder an {@link org.attn4j.api.spi.EncoderProvider} by name, with its options
 * @param decoder a {@link org.attn4j.api.spi.DecoderProvider} by name, with its options
 */
public record ModelConfig(PluginConfig encoder, PluginConfig decoder) {
    public ModelConfig {
        if (encoder == null) {
            throw new ConfigurationException("missing required key 'model.encoder'");
        }
        if (decoder == null) {
            throw new ConfigurationException("missing required key 'model.decoder'");
        }
    }

    /** The encoder, the decoder, and every attention block nested in either. */
    public List<PluginReference> pluginReferences() {
        List<PluginReference> out = new ArrayList<>();
        out.add(PluginReference.of(PluginKind.ENCODER, encoder));
        PluginReference.addAttentionBlocks(encoder.options(), out);
        out.add(PluginReference.of(PluginKind.DECODER, decoder));
        PluginReference.addAttentionBlocks(decoder.options(), out);
        return List.copyOf(out);
    }
}
