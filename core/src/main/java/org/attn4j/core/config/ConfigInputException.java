package org.attn4j.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A problem found by attn4j's own deserializers, with a message that is already complete
 * (it names the dotted key); {@link JacksonErrors} adds the file and position. Being a Jackson
 * exception, it passes through Jackson's databinding unwrapped.
 */
final class ConfigInputException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;

    ConfigInputException(JsonParser parser, JsonLocation location, String message) {
        super(parser, message, location);
    }
}
