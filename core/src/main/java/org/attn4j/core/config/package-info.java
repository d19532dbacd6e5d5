/**
 * Configuration files: JSON or YAML read with Jackson into records.
 *
 * <p>{@link org.attn4j.core.config.ConfigReader} reads a file into an
 * {@link org.attn4j.core.config.Attn4jConfig}, one record component per top-level section;
 * a plugin is chosen by a block such as {@code {name: additive, dim: 256}}, read as a
 * {@link org.attn4j.core.config.PluginConfig} that keeps its dotted path for messages.
 * <pre>{@code
 * PluginRegistry plugins = PluginDiscovery.discover(hostClassLoader);
 * Attn4jConfig config = new ConfigReader().read(Path.of("translate.yaml"), plugins);
 * }</pre>
 *
 * <p>Reading is strict and every failure is an {@link org.attn4j.api.ConfigurationException}
 * naming the file, the line and column where known, the dotted key, and the valid choices
 * (keys of the block for an unknown key, installed plugin names for an unknown plugin).
 * The keys are documented in {@code docs/configuration.md}.
 */
package org.attn4j.core.config;
