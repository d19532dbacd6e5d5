package org.attn4j.attention;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;

/** Reading a variant's options: unknown keys fail listing the documented ones. */
final class Settings {
    private Settings() {
    }

    /** The options of {@code spec}, checked against the documented keys (plus the block's {@code name}). */
    static Options check(Options options, List<OptionSpec> documented) {
        List<String> keys = new ArrayList<>();
        keys.add("name");
        for (OptionSpec o : documented) {
            keys.add(o.name());
        }
        return options.checkKeys(keys);
    }

    static int positive(Options o, String variant, String key, int value) {
        if (value <= 0) {
            throw new ConfigurationException(variant + ": '" + o.where() + "." + key + "' must be positive, got " + value);
        }
        return value;
    }
}
