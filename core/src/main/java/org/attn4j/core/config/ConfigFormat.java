package org.attn4j.core.config;

import java.nio.file.Path;
import java.util.Locale;

/** The two syntaxes a configuration file may use. */
public enum ConfigFormat {
    JSON,
    YAML;

    /**
     * The format of {@code file}: by its extension ({@code .json}; {@code .yaml} or
     * {@code .yml}), otherwise by its content (see {@link #detect(String)}).
     */
    public static ConfigFormat of(Path file, String text) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".json")) {
            return JSON;
        }
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return YAML;
        }
        return detect(text);
    }

    /** JSON if the first character that is not white space (or a byte order mark) is <code>{</code> or {@code [}; YAML otherwise. */
    public static ConfigFormat detect(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                continue;
            }
            return c == '{' || c == '[' ? JSON : YAML;
        }
        return YAML;
    }
}
