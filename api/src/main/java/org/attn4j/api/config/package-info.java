/**
 * Configuration values shared by plugins: {@link org.attn4j.api.config.Options} (a plugin block
 * with typed access and errors naming the dotted key), {@link org.attn4j.api.config.OptionSpec}
 * (documentation of one option), {@link org.attn4j.api.config.RuntimeConfig}.
 */
package org.attn4j.api.config;
