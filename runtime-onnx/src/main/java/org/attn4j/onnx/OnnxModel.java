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
 * against each other. Sessions are shared: {@link #newStepFunction()} may be called from many
 * threads, each step function being used by one (ORT's {@code run} is thread-safe).
 * {@link #close()} closes the sessions; a failure while opening closes what was opened.
 */
public final class OnnxModel implements AutoCloseable {
    private final Path dir;
    private final Manifest manifest;
    private final OrtEnvironment env;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private volatile boolean closed;

    private OnnxModel(Path dir, Manifest manifest, OrtEnvironment env, OrtSession encoder, OrtSession decoder) {
        this.dir = dir;
        this.manifest = manifest;
        this.env = env;
        this.encoder = encoder;
        this.decoder = decoder;
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
        try (OrtSession.SessionOptions options = SessionSettings.options(config)) {
            enc = session(env, onnxDir.resolve(manifest.encoder().file()), options);
            dec = session(env, onnxDir.resolve(manifest.decoderStep().file()), options);
            ManifestCheck.check(onnxDir, manifest, enc, dec);
            return new OnnxModel(onnxDir, manifest, env, enc, dec);
        } catch (OrtException e) {
            closeQuietly(enc, dec);
            throw new IllegalStateException("ONNX Runtime could not set up sessions for " + onnxDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(enc, dec);
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

    OrtSession decoder() {
        return decoder;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the ONNX model " + dir + " is closed");
        }
    }

    /** A step function over these sessions for one search at a time (not thread-safe itself). */
    public StepFunction<?> newStepFunction() {
        checkOpen();
        return new OnnxStepFunction(this);
    }

    /** Closes both sessions; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encoder.close();
            decoder.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing ONNX Runtime sessions for " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
