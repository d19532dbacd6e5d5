package org.attn4j.api.spi;

import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;

/**
 * Makes a decoder architecture for a given encoder. Listed in
 * {@code META-INF/services/org.attn4j.api.spi.DecoderProvider}; stateless and thread-safe.
 */
public interface DecoderProvider {

    String name();

    String description();

    List<OptionSpec> options();

    Decoder create(Options options, Encoder encoder, ModelContext context);
}
