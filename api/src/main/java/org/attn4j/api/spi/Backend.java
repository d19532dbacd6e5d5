package org.attn4j.api.spi;

import org.attn4j.api.config.RuntimeConfig;

/**
 * An opened runtime for one model (the eager Java engine, or ONNX Runtime sessions). It may
 * hold native memory: close it when done; closing twice is harmless.
 */
public interface Backend extends AutoCloseable {

    /** The provider name, for example {@code java} or {@code onnx}. */
    String name();

    /** The settings it was opened with. */
    RuntimeConfig config();

    @Override
    void close();
}
