package org.attn4j.api;

/**
 * Plugin discovery or lookup failed: an unknown plugin name (the message lists the known
 * ones) or two providers claiming the same name (the message names both classes).
 */
public class PluginException extends Attn4jException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }
}
