package org.attn4j.core.inject;

import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attn4j.api.Ops;
import org.attn4j.api.config.OptionSpec;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Attention;
import org.attn4j.api.model.AttentionInput;
import org.attn4j.api.model.AttentionOutput;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.spi.AttentionProvider;
import org.attn4j.api.spi.AttentionSpec;
import org.attn4j.api.spi.Backend;
import org.attn4j.api.spi.BackendProvider;
import org.attn4j.api.spi.DecoderProvider;
import org.attn4j.api.spi.EncoderProvider;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.api.spi.TokenizerProvider;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.text.Tokenizer;

/**
 * Providers for the wiring tests. The first six are registered in
 * {@code src/test/resources/META-INF/services}, so every class loader of core's tests sees
 * them (hence the {@code test-} prefix); the others are only ever added by a test.
 * They do no arithmetic: building models is not what these tests are about.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** An attention module that remembers what it was built from. */
    public static final class RecordingAttention extends Attention {
        public final String builtBy;
        public final AttentionSpec spec;

        RecordingAttention(String builtBy, AttentionSpec spec) {
            this.builtBy = builtBy;
            this.spec = spec;
        }

        @Override
        public AttentionOutput forward(Ops ops, AttentionInput input, boolean returnWeights) {
            throw new UnsupportedOperationException("test fixture: no arithmetic");
        }

        @Override
        public int outputDim() {
            return spec.valueDim();
        }
    }

    /** Base of the test attention providers: named, with one option {@code dim}. */
    public abstract static class NamedAttention implements AttentionProvider {
        private final String name;

        NamedAttention(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test attention " + name;
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(new OptionSpec("dim", "int", "8", "a test option"));
        }

        @Override
        public Attention create(AttentionSpec spec, RandomGenerator rng) {
            spec.options().checkKeys(List.of("dim"));
            return new RecordingAttention(getClass().getSimpleName(), spec);
        }
    }

    /** Registered as {@code test-dot}. */
    public static final class DotAttention extends NamedAttention {
        public DotAttention() {
            super("test-dot");
        }
    }

    /** Registered as {@code test-scaled}. */
    public static final class ScaledAttention extends NamedAttention {
        public ScaledAttention() {
            super("test-scaled");
        }
    }

    /** Not registered; also calls itself {@code test-dot}, to provoke a duplicate. */
    public static final class SecondDotAttention extends NamedAttention {
        public SecondDotAttention() {
            super("test-dot");
        }
    }

    /** Not registered; a host adds it as {@code test-host}. */
    public static final class HostAttention extends NamedAttention {
        public HostAttention() {
            super("test-host");
        }
    }

    /** Not registered; its constructor fails, like a plugin missing a dependency. */
    public static final class ExplodingAttention extends NamedAttention {
        public ExplodingAttention() {
            super("test-exploding");
            throw new IllegalStateException("boom: missing native library");
        }
    }

    /** Not registered; its name is not a valid plugin name. */
    public static final class BlankNameAttention extends NamedAttention {
        public BlankNameAttention() {
            super(" ");
        }
    }

    /** Registered as {@code test-encoder}. */
    public static final class TestEncoder implements EncoderProvider {
        @Override
        public String name() {
            return "test-encoder";
        }

        @Override
        public String description() {
            return "test encoder";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Encoder create(Options options, ModelContext context) {
            throw new UnsupportedOperationException("test fixture");
        }
    }

    /** Registered as {@code test-decoder}. */
    public static final class TestDecoder implements DecoderProvider {
        @Override
        public String name() {
            return "test-decoder";
        }

        @Override
        public String description() {
            return "test decoder";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Decoder create(Options options, Encoder encoder, ModelContext context) {
            throw new UnsupportedOperationException("test fixture");
        }
    }

    /** Registered as {@code test-tokenizer}. */
    public static final class TestTokenizer implements TokenizerProvider {
        @Override
        public String name() {
            return "test-tokenizer";
        }

        @Override
        public String description() {
            return "test tokenizer";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Tokenizer create(Options options, Iterable<String> trainingText) {
            throw new UnsupportedOperationException("test fixture");
        }

        @Override
        public Tokenizer load(Path dir) {
            throw new UnsupportedOperationException("test fixture");
        }
    }

    /** Registered as {@code test-backend}. */
    public static final class TestBackend implements BackendProvider {
        @Override
        public String name() {
            return "test-backend";
        }

        @Override
        public String description() {
            return "test backend";
        }

        @Override
        public Backend open(Path modelDir, RuntimeConfig config) {
            throw new UnsupportedOperationException("test fixture");
        }
    }
}
