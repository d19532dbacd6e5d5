package org.attn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.RuntimeConfig;

/**
 * A model's teacher-forced forward on ONNX Runtime ({@code forward.onnx}, see
 * {@link OnnxExporter#exportWithForward}): source ids {@code src} {@code [B, S]} and target
 * inputs {@code tgt_in} {@code [B, T]} to logits {@code [B, T, V]}, the same numbers as
 * {@code Seq2SeqModel.logits} with the source mask taken from PAD (id 0).
 * <pre>{@code
 * try (OnnxForward f = OnnxForward.open(modelDir.resolve("onnx"), new RuntimeConfig("onnx", "cpu", 2, "all"))) {
 *     float[] logits = f.logits(src, batch, srcLen, tgtIn, tgtLen); // [batch * tgtLen * V]
 * }
 * }</pre>
 * To run the same batch many times without copying, make its {@link Inputs} once and
 * {@link #run} them; each {@link Logits} holds ONNX Runtime's output until closed.
 *
 * <p>Thread-safe: the one session may run from several threads; {@link Inputs} and
 * {@link Logits} belong to the caller who made them. {@link #close()} closes the session.
 */
public final class OnnxForward implements AutoCloseable {
    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int fixedTargetLength;

    private OnnxForward(Path file, OrtEnvironment env, OrtSession session, int fixedTargetLength) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.fixedTargetLength = fixedTargetLength;
    }

    /**
     * Opens the forward graph of an exported model directory's {@code onnx/}.
     *
     * @throws ModelFormatException naming the manifest when it lists no forward graph (the export
     *         was made without {@code --forward}), or naming the file when it is missing, corrupt
     *         or does not match the manifest
     */
    public static OnnxForward open(Path onnxDir, RuntimeConfig config) {
        Path manifestFile = onnxDir.resolve(Manifest.FILE);
        Manifest m = Manifest.read(manifestFile);
        if (m.forward() == null) {
            throw new ModelFormatException(manifestFile + ": lists no forward graph; export again with"
                    + " attn4j export --model DIR --forward");
        }
        return open(onnxDir.resolve(m.forward().file()), m.forward(), m.targetVocabularySize(), config);
    }

    /**
     * Opens a forward graph file, checking it against {@code spec} (as
     * {@link OnnxExporter#exportForward} returned it) and the forward interface.
     *
     * @throws ModelFormatException naming the file when it is missing or corrupt, or when its
     *         inputs and outputs are not those of {@code spec} and of a forward graph over
     *         {@code targetVocabulary} classes
     */
    public static OnnxForward open(Path file, Manifest.GraphSpec spec, int targetVocabulary, RuntimeConfig config) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; export the forward graph again (attn4j export --model DIR"
                    + " --forward)");
        }
        OrtEnvironment env = SessionSettings.environment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = SessionSettings.options(config)) {
            try {
                session = env.createSession(file.toString(), options);
            } catch (OrtException e) {
                throw new ModelFormatException(file + ": ONNX Runtime cannot load this graph (truncated or corrupt file?): "
                        + e.getMessage(), e);
            }
            ManifestCheck.checkForward(file, spec, targetVocabulary, session);
            return new OnnxForward(file, env, session, fixedLength(spec));
        } catch (OrtException e) {
            close(session);
            throw new IllegalStateException("ONNX Runtime could not set up a session for " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    private static int fixedLength(Manifest.GraphSpec spec) {
        for (Manifest.ValueSpec v : spec.inputs()) {
            if (v.name().equals(ForwardTracer.TGT_IN) && v.shape().get(1) instanceof Number n) {
                return n.intValue();
            }
        }
        return -1;
    }

    private static void close(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /**
     * The one target length the graph accepts when it was traced with a fixed one (a decoder
     * that loops over the target, unrolled), else empty (any length).
     */
    public OptionalInt fixedTargetLength() {
        return fixedTargetLength < 0 ? OptionalInt.empty() : OptionalInt.of(fixedTargetLength);
    }

    /**
     * One batch in ONNX Runtime's memory: source ids {@code [batch, srcLen]} and target inputs
     * {@code [batch, tgtLen]}, row-major. Close it when done.
     */
    public static final class Inputs implements AutoCloseable {
        private final OnnxTensor src;
        private final OnnxTensor tgt;
        private final int batch;
        private final int tgtLen;

        private Inputs(OnnxTensor src, OnnxTensor tgt, int batch, int tgtLen) {
            this.src = src;
            this.tgt = tgt;
            this.batch = batch;
            this.tgtLen = tgtLen;
        }

        @Override
        public void close() {
            src.close();
            tgt.close();
        }
    }

    /**
     * Copies a batch into ONNX Runtime tensors.
     *
     * @throws IllegalArgumentException when a size is not positive, an array's length is not
     *         its shape's, or the graph has a fixed target length and {@code tgtLen} differs
     */
    public Inputs inputs(long[] src, int batch, int srcLen, long[] tgtIn, int tgtLen) {
        if (batch < 1 || srcLen < 1 || tgtLen < 1) {
            throw new IllegalArgumentException("forward: batch, source and target length must be at least 1, got "
                    + batch + ", " + srcLen + ", " + tgtLen);
        }
        if (src.length != batch * srcLen || tgtIn.length != batch * tgtLen) {
            throw new IllegalArgumentException("forward: " + src.length + " source ids and " + tgtIn.length
                    + " target ids do not fill [" + batch + ", " + srcLen + "] and [" + batch + ", " + tgtLen + "]");
        }
        if (fixedTargetLength >= 0 && tgtLen != fixedTargetLength) {
            throw new IllegalArgumentException("forward: " + file + " was exported with the target length fixed at "
                    + fixedTargetLength + " (its decoder loops over the target), got " + tgtLen);
        }
        OnnxTensor s = null;
        try {
            s = OnnxTensor.createTensor(env, LongBuffer.wrap(src), new long[] {batch, srcLen});
            OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(tgtIn), new long[] {batch, tgtLen});
            return new Inputs(s, t, batch, tgtLen);
        } catch (OrtException e) {
            if (s != null) {
                s.close();
            }
            throw new IllegalStateException("ONNX Runtime could not make the input tensors: " + e.getMessage(), e);
        }
    }

    /** ONNX Runtime's output for one run, {@code [batch, tgtLen, V]}; close it when done. */
    public static final class Logits implements AutoCloseable {
        private final OrtSession.Result result;
        private final OnnxTensor logits;
        private final int[] shape;

        private Logits(OrtSession.Result result, OnnxTensor logits, int[] shape) {
            this.result = result;
            this.logits = logits;
            this.shape = shape;
        }

        /** {@code {batch, tgtLen, V}}. */
        public int[] shape() {
            return shape.clone();
        }

        /** A copy of the logits, row-major {@code [batch * tgtLen * V]}. */
        public float[] toArray() {
            FloatBuffer fb = logits.getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }

        @Override
        public void close() {
            result.close();
        }
    }

    /** Runs the forward graph on {@code inputs}. */
    public Logits run(Inputs inputs) {
        try {
            OrtSession.Result out = session.run(Map.of(ForwardTracer.SRC, inputs.src, ForwardTracer.TGT_IN, inputs.tgt),
                    java.util.Set.of(ForwardTracer.LOGITS));
            OnnxTensor t = (OnnxTensor) out.get(ForwardTracer.LOGITS).orElseThrow(
                    () -> new IllegalStateException(file + " returned no '" + ForwardTracer.LOGITS + "'"));
            long[] shape = t.getInfo().getShape();
            return new Logits(out, t, new int[] {(int) shape[0], (int) shape[1], (int) shape[2]});
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + file + ": " + e.getMessage(), e);
        }
    }

    /** The logits {@code [batch * tgtLen * V]} for one batch (copies in and out). */
    public float[] logits(long[] src, int batch, int srcLen, long[] tgtIn, int tgtLen) {
        try (Inputs in = inputs(src, batch, srcLen, tgtIn, tgtLen); Logits out = run(in)) {
            return out.toArray();
        }
    }

    /** The graph file this session runs. */
    public Path file() {
        return file;
    }

    /** Closes the session; closing twice is harmless. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session for " + file + " failed: " + e.getMessage(), e);
        }
    }
}
