package org.attn4j.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.inject.PluginRegistry;

/**
 * Reads configuration files, JSON or YAML, into records such as {@link Attn4jConfig}.
 * <pre>{@code
 * Attn4jConfig config = new ConfigReader().read(Path.of("translate.yaml"), plugins);
 * }</pre>
 *
 * <p>Strict: an unknown key, a missing required key, a value of the wrong type, a duplicate
 * key, malformed syntax, an empty file or a second YAML document is a
 * {@link ConfigurationException} whose message starts with {@code file:line:column} (where
 * Jackson knows the position), names the dotted key ({@code runtime.threads}), and lists the
 * valid keys for an unknown one. The Jackson exception is kept as the cause. The format comes
 * from the file extension or, failing that, from the content ({@link ConfigFormat#of}).
 *
 * <p>Thread-safe once constructed; one instance may serve the whole application.
 */
public final class ConfigReader {
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public ConfigReader() {
        this.json = configure(JsonMapper.builder());
        this.yaml = configure(YAMLMapper.builder());
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        SimpleModule attn4j = new SimpleModule("attn4j-config");
        attn4j.addDeserializer(PluginConfig.class, new PluginConfigDeserializer());
        attn4j.addDeserializer(RuntimeConfig.class, new RuntimeConfigDeserializer());
        return builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(attn4j)
                .build();
    }

    /** Reads a whole attn4j configuration file. */
    public Attn4jConfig read(Path file) {
        return read(file, Attn4jConfig.class);
    }

    /**
     * Reads a whole attn4j configuration file and checks every plugin it names against
     * {@code plugins}, like {@link Attn4jConfig#checkPlugins}, with the position of each
     * unknown name in the file.
     */
    public Attn4jConfig read(Path file, PluginRegistry plugins) {
        String text = readText(file);
        ConfigFormat format = ConfigFormat.of(file, text);
        Attn4jConfig config = read(text, file.toString(), format, Attn4jConfig.class);
        JacksonErrors positions = new JacksonErrors(mapper(format), text, file.toString(), format);
        List<String> problems = new ArrayList<>();
        for (PluginReference ref : config.pluginReferences()) {
            String problem = ref.problem(plugins);
            if (problem != null) {
                problems.add(positions.at(ref.key()) + ": " + problem);
            }
        }
        PluginReference.failIfAny(problems);
        return config;
    }

    /** Reads {@code file} (UTF-8) into {@code type}, a record made of configuration sections. */
    public <T> T read(Path file, Class<T> type) {
        String text = readText(file);
        return read(text, file.toString(), ConfigFormat.of(file, text), type);
    }

    private static String readText(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration file " + file + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file + ": " + e, e);
        }
    }

    private ObjectMapper mapper(ConfigFormat format) {
        return format == ConfigFormat.JSON ? json : yaml;
    }

    /**
     * Reads configuration text into {@code type}.
     *
     * @param source the name messages use for the text, usually the file name
     */
    public <T> T read(String text, String source, ConfigFormat format, Class<T> type) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        ObjectMapper mapper = mapper(format);
        try (JsonParser parser = mapper.createParser(text)) {
            try {
                return parse(mapper, parser, source, format, type);
            } catch (JsonProcessingException e) {
                throw new JacksonErrors(mapper, text, source, format).translate(e, parser);
            }
        } catch (IOException e) {
            throw new ConfigurationException(source + ": cannot read the configuration: " + e.getMessage(), e);
        }
    }

    private static <T> T parse(ObjectMapper mapper, JsonParser parser, String source, ConfigFormat format, Class<T> type)
            throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL) {
            throw new ConfigurationException(source + ": the configuration is empty; expected a block of keys "
                    + "(see docs/configuration.md)");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new ConfigurationException(JacksonErrors.at(source, parser.currentTokenLocation())
                    + ": the configuration must be a block of keys, got " + JacksonErrors.describeToken(parser));
        }
        T value = mapper.readValue(parser, type);
        if (parser.nextToken() != null) {
            throw new ConfigurationException(JacksonErrors.at(source, parser.currentTokenLocation())
                    + ": unexpected content after the configuration"
                    + (format == ConfigFormat.YAML ? " (a file holds one YAML document)" : ""));
        }
        return value;
    }
}
