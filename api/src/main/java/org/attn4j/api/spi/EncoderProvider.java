package org.attn4j.api.spi;

import java.util.List;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Encoder;

/**
 * Makes an encoder architecture ({@code rnn}, {@code transformer}, ...). Listed in
 * {@code META-INF/services/org.attn4j.api.spi.EncoderProvider}; stateless and thread-safe.
 */
public interface EncoderProvider {

    String name();

    String description();

    List<OptionSpec> options();

    Encoder create(Options options, ModelContext context);
}
