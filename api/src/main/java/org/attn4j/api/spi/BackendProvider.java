package org.attn4j.api.spi;

import java.nio.file.Path;
import org.attn4j.api.config.RuntimeConfig;

/**
 * Opens a model directory on a runtime. Listed in
 * {@code META-INF/services/org.attn4j.api.spi.BackendProvider}; stateless and thread-safe.
 */
public interface BackendProvider {

    String name();

    String description();

    /** Opens the model in {@code modelDir}; a failure half-way closes whatever was opened. */
    Backend open(Path modelDir, RuntimeConfig config);
}
