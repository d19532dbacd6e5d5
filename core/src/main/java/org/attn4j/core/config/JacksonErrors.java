package org.attn4j.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Collection;
import java.util.TreeSet;
import org.attn4j.api.ConfigurationException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns Jackson's exceptions into {@link ConfigurationException}s that say, in the user's
 * terms, which file, where in it ({@code file:line:column}), which dotted key, and what would
 * have been valid. One instance per read.
 */
final class JacksonErrors {
    private final ObjectMapper mapper;
    private final String text;
    private final String source;
    private final ConfigFormat format;

    /**
     * @param mapper the mapper that read {@code text}, to find keys again
     * @param source the file name for messages
     */
    JacksonErrors(ObjectMapper mapper, String text, String source, ConfigFormat format) {
        this.mapper = mapper;
        this.text = text;
        this.source = source;
        this.format = format;
    }

    /**
     * @param e      what Jackson threw
     * @param parser the parser that was reading, still open, positioned where it failed
     */
    ConfigurationException translate(JsonProcessingException e, JsonParser parser) {
        StreamReadException syntax = find(e, StreamReadException.class);
        if (syntax != null) {
            return malformed(e, syntax);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return new ConfigurationException(at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()), e);
        }
        String key = ConfigPaths.of(mapping);
        if (e instanceof ConfigInputException) {
            return new ConfigurationException(at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        }
        if (e.getCause() instanceof ConfigurationException fromRecord) {
            // A record's constructor refused its block (a missing key); point at the block's own key.
            return new ConfigurationException(at(locate(key)) + ": " + fromRecord.getMessage(), e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            // Records buffer unknown keys and fail at the end of the block: find the key itself.
            return new ConfigurationException(at(locate(key)) + ": unknown key '" + key + "'; valid keys: "
                    + sorted(unknown.getKnownPropertyIds()), e);
        }
        String where = at(tokenLocation(parser, e));
        if (e instanceof InvalidFormatException bad) {
            return new ConfigurationException(where + ": '" + key + "' must be " + expected(bad.getTargetType())
                    + ", got '" + bad.getValue() + "'", e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ConfigurationException(where + ": '" + key + "' must be " + expected(mismatch.getTargetType())
                    + ", got " + describeToken(parser), e);
        }
        String within = key.isEmpty() ? "" : " at '" + key + "'";
        return new ConfigurationException(where + ": cannot read the configuration" + within + ": "
                + firstLine(e.getOriginalMessage()), e);
    }

    private ConfigurationException malformed(JsonProcessingException e, StreamReadException syntax) {
        String within = e instanceof JsonMappingException m && !ConfigPaths.of(m).isEmpty()
                ? " in '" + ConfigPaths.of(m) + "'" : "";
        MarkedYAMLException yaml = find(e, MarkedYAMLException.class);
        if (yaml != null && yaml.getProblemMark() != null) {
            // SnakeYAML knows the exact spot and says what it was doing; Jackson's location is the token start.
            String context = yaml.getContext() == null ? ""
                    : " (" + yaml.getContext().strip() + (yaml.getContextMark() == null ? ""
                            : " that starts at line " + (yaml.getContextMark().getLine() + 1)) + ")";
            return new ConfigurationException(source + ":" + (yaml.getProblemMark().getLine() + 1) + ":"
                    + (yaml.getProblemMark().getColumn() + 1) + ": malformed YAML" + within + ": "
                    + firstLine(yaml.getProblem()) + context, e);
        }
        return new ConfigurationException(at(syntax.getLocation()) + ": malformed " + format + within + ": "
                + firstLine(syntax.getOriginalMessage()), e);
    }

    /** What the parser is at, in words: {@code a list}, {@code 'fast'}, {@code 2.5}. */
    static String describeToken(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        try {
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT, FIELD_NAME -> "a block of keys";
                case VALUE_NULL -> "nothing (null)";
                case VALUE_STRING -> "'" + p.getText() + "'";
                default -> p.getText();
            };
        } catch (IOException e) {
            return t.toString();
        }
    }

    /** {@code file:line:column}, or just the file where the position is unknown. */
    static String at(String source, JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return source;
        }
        return source + ":" + location.getLineNr() + (location.getColumnNr() > 0 ? ":" + location.getColumnNr() : "");
    }

    private String at(JsonLocation location) {
        return at(source, location);
    }

    /** {@code file:line:column} of the key at dotted {@code path}, or just the file if it is not written there. */
    String at(String path) {
        return at(locate(path));
    }

    /** Where the key at dotted {@code path} is written, found by reading the text again; null if nowhere. */
    private JsonLocation locate(String path) {
        if (path.isEmpty()) {
            return null;
        }
        try (JsonParser p = mapper.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && path.equals(ConfigPaths.of(p.getParsingContext()))) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            // The text failed again before the key: fall back to no position.
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a block of keys";
    }

    private static JsonLocation tokenLocation(JsonParser parser, JsonProcessingException e) {
        JsonLocation l = parser.currentTokenLocation();
        return l != null && l.getLineNr() > 0 ? l : e.getLocation();
    }

    private static TreeSet<String> sorted(Collection<Object> ids) {
        TreeSet<String> out = new TreeSet<>();
        for (Object id : ids) {
            out.add(String.valueOf(id));
        }
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    private static <X extends Throwable> X find(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
