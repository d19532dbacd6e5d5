package org.attn4j.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ConfigurationException;

/** Reads a plugin block {@code {name: ..., ...}} into a {@link PluginConfig} that knows its path. */
final class PluginConfigDeserializer extends StdDeserializer<PluginConfig> {
    private static final long serialVersionUID = 1L;

    PluginConfigDeserializer() {
        super(PluginConfig.class);
    }

    @Override
    public PluginConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String where = ConfigPaths.of(p.getParsingContext());
        JsonLocation start = p.currentTokenLocation();
        if (!p.isExpectedStartObjectToken()) {
            throw new ConfigInputException(p, start, "'" + where + "' must be a block of keys with a 'name', such as "
                    + "{name: ...}; got " + JacksonErrors.describeToken(p));
        }
        JavaType mapType = ctxt.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
        Map<String, Object> block = ctxt.readValue(p, mapType);
        try {
            return PluginConfig.of(where, freeze(block));
        } catch (ConfigurationException e) {
            throw new ConfigInputException(p, start, e.getMessage());
        }
    }

    // Nested blocks and lists become unmodifiable too, so PluginConfig is immutable all the way down.
    private static Map<String, Object> freeze(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), freezeValue(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object freezeValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return freeze(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(freezeValue(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
