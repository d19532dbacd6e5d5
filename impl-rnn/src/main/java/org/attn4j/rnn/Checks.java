package org.attn4j.rnn;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;

/** Reading the RNN providers' options with errors that name the key. */
final class Checks {
    private Checks() {
    }

    static Options keys(Options o, List<OptionSpec> documented) {
        List<String> keys = new ArrayList<>(List.of("name"));
        documented.forEach(s -> keys.add(s.name()));
        return o.checkKeys(keys);
    }

    static int positive(Options o, String key, int defaultValue) {
        int v = o.getInt(key, defaultValue);
        if (v <= 0) {
            throw new ConfigurationException("'" + o.where() + "." + key + "' must be positive, got " + v);
        }
        return v;
    }

    static float dropout(Options o) {
        double p = o.getDouble("dropout", 0.0);
        if (!(p >= 0 && p < 1)) {
            throw new ConfigurationException("'" + o.where() + ".dropout' must be in [0, 1), got " + p);
        }
        return (float) p;
    }
}
