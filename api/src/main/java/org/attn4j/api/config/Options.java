package org.attn4j.api.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.attn4j.api.ConfigurationException;

/**
 * The parameters of one plugin as read from a configuration file ({@code attention: {name:
 * additive, dim: 256}}), with typed access and errors that name the key.
 *
 * <p>{@code where} is the dotted path of this block in the configuration (for example
 * {@code model.decoder.attention}) and prefixes every message. Immutable and thread-safe.
 * <pre>{@code
 * Options o = Options.of("model.decoder.attention", Map.of("heads", 8));
 * o.checkKeys(Set.of("heads", "dropout"));   // fails on an unknown key, listing the valid ones
 * int heads = o.getInt("heads", 1);
 * }</pre>
 */
public final class Options {
    private final String where;
    private final Map<String, Object> values;

    private Options(String where, Map<String, Object> values) {
        this.where = where;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Options of(String where, Map<String, ?> values) {
        return new Options(where, values == null ? Map.of() : new LinkedHashMap<>(values));
    }

    public static Options empty(String where) {
        return new Options(where, Map.of());
    }

    /** The dotted configuration path these options come from. */
    public String where() {
        return where;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Fails with a message naming the first unknown key and listing the valid ones. */
    public Options checkKeys(Collection<String> valid) {
        for (String k : values.keySet()) {
            if (!valid.contains(k)) {
                throw new ConfigurationException("unknown key '" + path(k) + "'; valid keys: " + new TreeSet<>(valid));
            }
        }
        return this;
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? toInt(key, values.get(key)) : defaultValue;
    }

    public int requireInt(String key) {
        return toInt(key, require(key));
    }

    public double getDouble(String key, double defaultValue) {
        return has(key) ? toDouble(key, values.get(key)) : defaultValue;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigurationException("'" + path(key) + "' must be true or false, got '" + v + "'");
    }

    public String getString(String key, String defaultValue) {
        return has(key) ? String.valueOf(values.get(key)) : defaultValue;
    }

    public String requireString(String key) {
        return String.valueOf(require(key));
    }

    /** A string that must be one of {@code allowed}; the message lists them otherwise. */
    public String getChoice(String key, String defaultValue, Set<String> allowed) {
        String v = getString(key, defaultValue);
        if (!allowed.contains(v)) {
            throw new ConfigurationException("'" + path(key) + "' is '" + v + "'; valid values: " + new TreeSet<>(allowed));
        }
        return v;
    }

    /** The nested block {@code key} as options of its own (empty if absent). */
    @SuppressWarnings("unchecked") // configuration maps come from Jackson with String keys
    public Options child(String key) {
        Object v = values.get(key);
        if (v == null) {
            return empty(path(key));
        }
        if (!(v instanceof Map)) {
            throw new ConfigurationException("'" + path(key) + "' must be a block of keys, got '" + v + "'");
        }
        return new Options(path(key), (Map<String, Object>) v);
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new ConfigurationException("missing required key '" + path(key) + "'");
        }
        return v;
    }

    private int toInt(String key, Object v) {
        double d = toDouble(key, v);
        if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw new ConfigurationException("'" + path(key) + "' must be an integer, got '" + v + "'");
        }
        return (int) d;
    }

    private double toDouble(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("'" + path(key) + "' must be a number, got '" + v + "'");
        }
    }

    private String path(String key) {
        return where == null || where.isEmpty() ? key : where + "." + key;
    }

    @Override
    public String toString() {
        return where + values;
    }
}
