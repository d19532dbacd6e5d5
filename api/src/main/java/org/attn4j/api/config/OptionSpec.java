package org.attn4j.api.config;

/**
 * Documents one parameter a plugin accepts, for {@code attn4j plugins} and the configuration
 * reference.
 *
 * @param name         the key in the plugin's configuration block
 * @param type         {@code int}, {@code float}, {@code boolean}, {@code string} or a list of choices
 * @param defaultValue the default as text, or {@code null} if the key is required
 * @param description  one sentence
 */
public record OptionSpec(String name, String type, String defaultValue, String description) {
}
