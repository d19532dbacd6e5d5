package org.attn4j.tokenizers.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.tokenizers.TextNormalizer;

/** The options every tokenizer provider shares, and helpers for reading the rest. */
public final class CommonOptions {
    public static final OptionSpec LOWERCASE = new OptionSpec("lowercase", "boolean", "false",
            "Lowercase the text (Locale.ROOT) after Unicode NFC.");
    public static final OptionSpec ON_INVALID_CHAR = new OptionSpec("onInvalidChar", "[error, replace]", "error",
            "A control character or unpaired surrogate in the text: fail naming it, or replace it with U+FFFD.");

    private CommonOptions() {
    }

    /** {@link #LOWERCASE} and {@link #ON_INVALID_CHAR} followed by {@code more}. */
    public static List<OptionSpec> with(OptionSpec... more) {
        List<OptionSpec> specs = new ArrayList<>(List.of(LOWERCASE, ON_INVALID_CHAR));
        specs.addAll(List.of(more));
        return List.copyOf(specs);
    }

    /** Fails on a key not in {@code specs}, listing the valid ones. */
    public static Options check(Options options, List<OptionSpec> specs) {
        return options.checkKeys(specs.stream().map(OptionSpec::name).toList());
    }

    /** The normaliser the options describe. */
    public static TextNormalizer normalizer(Options options) {
        boolean lowercase = options.getBoolean(LOWERCASE.name(), false);
        String policy = options.getChoice(ON_INVALID_CHAR.name(), "error", Set.of("error", "replace"));
        return new TextNormalizer(lowercase, TextNormalizer.InvalidCharPolicy.valueOf(policy.toUpperCase(Locale.ROOT)));
    }

    /** The options that rebuild {@code normalizer}, for a saved tokenizer file. */
    public static Map<String, Object> saved(TextNormalizer normalizer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(LOWERCASE.name(), normalizer.lowercase());
        m.put(ON_INVALID_CHAR.name(), normalizer.onInvalid().name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** An int option that must be at least {@code min}. */
    public static int intAtLeast(Options options, String key, int defaultValue, int min) {
        int v = options.getInt(key, defaultValue);
        if (v < min) {
            throw new org.attn4j.api.ConfigurationException("'" + where(options, key) + "' must be at least " + min
                    + ", got " + v);
        }
        return v;
    }

    private static String where(Options options, String key) {
        return options.where() == null || options.where().isEmpty() ? key : options.where() + "." + key;
    }
}
