package org.attn4j.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.RuntimeConfig;

/**
 * Reads the {@code runtime} block into the api's {@link RuntimeConfig}; each absent key takes
 * its value from {@link RuntimeConfig#defaults()}.
 */
final class RuntimeConfigDeserializer extends StdDeserializer<RuntimeConfig> {
    private static final long serialVersionUID = 1L;

    /** The keys as written, all optional. */
    record Block(String backend, String device, Integer threads, String optimization) {
        RuntimeConfig withDefaults() {
            RuntimeConfig d = RuntimeConfig.defaults();
            return new RuntimeConfig(backend == null ? d.backend() : backend, device == null ? d.device() : device,
                    threads == null ? d.threads() : threads, optimization == null ? d.optimization() : optimization);
        }
    }

    RuntimeConfigDeserializer() {
        super(RuntimeConfig.class);
    }

    @Override
    public RuntimeConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        Block block = ctxt.readValue(p, Block.class);
        try {
            return block.withDefaults();
        } catch (ConfigurationException e) {
            throw new ConfigInputException(p, start, e.getMessage());
        }
    }
}
