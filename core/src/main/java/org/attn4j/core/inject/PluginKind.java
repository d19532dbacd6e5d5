package org.attn4j.core.inject;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.BackendProvider;
import org.attn4j.api.spi.DecoderProvider;
import org.attn4j.api.spi.EncoderProvider;
import org.attn4j.api.spi.TokenizerProvider;

/**
 * One extension point: the SPI interface that {@link java.util.ServiceLoader} looks up, the
 * word messages and configuration use for it ({@code attention}, {@code encoder}, ...), and how
 * to read a provider's name and description.
 *
 * <p>The set is closed: the constants below are every SPI of {@code org.attn4j.api.spi}, and
 * {@link #all()} lists them in a fixed order. Adding an extension point is one constant plus
 * its entry in {@link #all()}; discovery and the Guice module pick it up from there. Instances
 * are immutable and compared by identity.
 *
 * @param <T> the provider interface
 */
public final class PluginKind<T> {

    /** Attention variants ({@code additive}, {@code multi-head}, ...). */
    public static final PluginKind<AttentionProvider> ATTENTION = new PluginKind<>("attention",
            AttentionProvider.class, AttentionProvider::name, AttentionProvider::description);

    /** Encoder architectures ({@code rnn}, {@code transformer}). */
    public static final PluginKind<EncoderProvider> ENCODER = new PluginKind<>("encoder",
            EncoderProvider.class, EncoderProvider::name, EncoderProvider::description);

    /** Decoder architectures ({@code rnn}, {@code transformer}). */
    public static final PluginKind<DecoderProvider> DECODER = new PluginKind<>("decoder",
            DecoderProvider.class, DecoderProvider::name, DecoderProvider::description);

    /** Tokenizers ({@code whitespace}, {@code opennlp}, {@code bpe}). */
    public static final PluginKind<TokenizerProvider> TOKENIZER = new PluginKind<>("tokenizer",
            TokenizerProvider.class, TokenizerProvider::name, TokenizerProvider::description);

    /** Runtimes ({@code java}, {@code onnx}). */
    public static final PluginKind<BackendProvider> BACKEND = new PluginKind<>("backend",
            BackendProvider.class, BackendProvider::name, BackendProvider::description);

    private static final List<PluginKind<?>> ALL = List.of(ATTENTION, ENCODER, DECODER, TOKENIZER, BACKEND);

    private final String label;
    private final Class<T> type;
    private final Function<T, String> name;
    private final Function<T, String> description;

    private PluginKind(String label, Class<T> type, Function<T, String> name, Function<T, String> description) {
        this.label = label;
        this.type = type;
        this.name = name;
        this.description = description;
    }

    /** Every extension point, in the order above. */
    public static List<PluginKind<?>> all() {
        return ALL;
    }

    /** The word used in messages and configuration, for example {@code attention}. */
    public String label() {
        return label;
    }

    /** The SPI interface, for example {@link AttentionProvider}. */
    public Class<T> type() {
        return type;
    }

    /** The provider's {@code name()}. */
    public String nameOf(T provider) {
        return name.apply(Objects.requireNonNull(provider, "provider"));
    }

    /** The provider's one-line {@code description()}. */
    public String descriptionOf(T provider) {
        return description.apply(Objects.requireNonNull(provider, "provider"));
    }

    @Override
    public String toString() {
        return label + " (" + type.getName() + ")";
    }
}
