package org.attn4j.api;

/**
 * A configuration is invalid: an unknown or missing key, a value out of range, an unknown
 * plugin name. The message names the key (as a dotted path where nested) and, where the set
 * is finite, lists the valid choices.
 */
public class ConfigurationException extends Attn4jException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
