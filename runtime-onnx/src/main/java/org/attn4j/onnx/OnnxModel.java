package org.attn4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.generate.StepFunction;

/**
 * An exported model opened on ONNX Runtime: the manifest and one session per graph, checked
 * against each other. When the export has a cached step graph ({@code decoder_step_cached.onnx},
 * a Transformer's), decoding uses it; {@link #newStepFunction(boolean)} picks either. Sessions are shared: {@link #newStepFunction()} may be called from many
 * threads, each step function being used by one (ORT's {@code run} is thread-safe).
 * {@link #close()} closes the sessions; a failure while opening closes what was opened.
 */
public final class OnnxModel implements AutoCloseable {
    private final Path dir;
    private final Manifest manifest;
    private final OrtEnvironment env;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final OrtSession decoderCached;
    private volatile boolean closed;

    /**
     * One step graph and its side of the state contract.
     *
     * @param session         its ORT session
     * @param spec            its interface in the manifest
     * @param state           the state names it takes
     * @param updatedState    the state names it returns as {@code next.<name>}
     * @param attentionOutput its attention output, or null
     */
    record StepGraph(OrtSession session, Manifest.GraphSpec spec, java.util.List<String> state,
            java.util.List<String> updatedState, String attentionOutput) {
    }

    private OnnxModel(Path dir, Manifest manifest, OrtEnvironment env, OrtSession encoder, OrtSession decoder,
            OrtSession decoderCached) {
        this.dir = dir;
        this.manifest = manifest;
        this.env = env;
        this.encoder = encoder;
        this.decoder = decoder;
        this.decoderCached = decoderCached;
    }

    /**
     * Opens the {@code onnx/} directory of a model.
     *
     * @throws ModelFormatException naming the file when the manifest or a graph is missing,
     *         corrupt or truncated, or when they do not match
     * @throws org.attn4j.api.ConfigurationException naming the setting when the device cannot be used
     */
    public static OnnxModel open(Path onnxDir, RuntimeConfig config) {
        Manifest manifest = Manifest.read(onnxDir.resolve(Manifest.FILE));
        OrtEnvironment env = SessionSettings.environment();
        OrtSession enc = null;
        OrtSession dec = null;
        OrtSession cached = null;
        try (OrtSession.SessionOptions options = SessionSettings.options(config)) {
            enc = session(env, onnxDir.resolve(manifest.encoder().file()), options);
            dec = session(env, onnxDir.resolve(manifest.decoderStep().file()), options);
            if (manifest.decoderStepCached() != null) {
                cached = session(env, onnxDir.resolve(manifest.decoderStepCached().graph().file()), options);
            }
            ManifestCheck.check(onnxDir, manifest, enc, dec, cached);
            return new OnnxModel(onnxDir, manifest, env, enc, dec, cached);
        } catch (OrtException e) {
            closeQuietly(enc, dec, cached);
            throw new IllegalStateException("ONNX Runtime could not set up sessions for " + onnxDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(enc, dec, cached);
            throw e;
        }
    }

    private static OrtSession session(OrtEnvironment env, Path file, OrtSession.SessionOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; the onnx/ directory is incomplete (export again with"
                    + " attn4j export --model DIR)");
        }
        try {
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelFormatException(file + ": ONNX Runtime cannot load this graph (truncated or corrupt file?): "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession... sessions) {
        for (OrtSession s : sessions) {
            if (s != null) {
                try {
                    s.close();
                } catch (OrtException ignored) {
                    // already failing; the first error is the one to report
                }
            }
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The {@code onnx/} directory this model was opened from. */
    public Path directory() {
        return dir;
    }

    OrtEnvironment env() {
        return env;
    }

    OrtSession encoder() {
        return encoder;
    }

    /** The cached step graph when there is one and {@code cached} is asked for, else the uncached one. */
    StepGraph stepGraph(boolean cached) {
        Manifest.CachedStep c = manifest.decoderStepCached();
        if (cached && c != null) {
            return new StepGraph(decoderCached, c.graph(), c.state(), c.updatedState(), c.attentionOutput());
        }
        return new StepGraph(decoder, manifest.decoderStep(), manifest.state(), manifest.updatedState(),
                manifest.attentionOutput());
    }

    /** Whether the export has a cached step graph ({@code decoder_step_cached.onnx}). */
    public boolean hasCachedStep() {
        return decoderCached != null;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the ONNX model " + dir + " is closed");
        }
    }

    /**
     * A step function over these sessions for one search at a time (not thread-safe itself),
     * over the cached step graph when the export has one.
     */
    public StepFunction<?> newStepFunction() {
        return newStepFunction(true);
    }

    /**
     * A step function over the cached step graph ({@code cached} and the export has one) or
     * over {@code decoder_step.onnx}.
     */
    public StepFunction<?> newStepFunction(boolean cached) {
        checkOpen();
        return new OnnxStepFunction(this, stepGraph(cached));
    }

    /** Closes the sessions; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encoder.close();
            decoder.close();
            if (decoderCached != null) {
                decoderCached.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing ONNX Runtime sessions for " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
