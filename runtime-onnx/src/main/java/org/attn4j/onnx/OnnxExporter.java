package org.attn4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.pipeline.LoadedModel;
import org.attn4j.core.pipeline.ModelDirectory;

/**
 * Exports a trained model directory to ONNX: {@code onnx/encoder.onnx},
 * {@code onnx/decoder_step.onnx}, for a model whose step state grows (a Transformer's key/value
 * cache) also {@code onnx/decoder_step_cached.onnx}, and {@code onnx/manifest.json} (see
 * {@link Manifest}); on request also {@code onnx/forward.onnx}, the teacher-forced forward. The
 * model's own {@code encode}/{@code step} code is traced once with the graph implementation of
 * {@code Ops}, so any architecture or attention plugin written against {@code Ops} exports with
 * no code of its own.
 * <pre>{@code
 * Manifest m = OnnxExporter.export(Path.of("model"), PluginDiscovery.discover(loader));
 * }</pre>
 * Each graph carries metadata: {@code attn4j.version}, {@code attn4j.config} (the model's
 * {@code config.json}) and {@code attn4j.checkpoint_sha256}. The files are written into a
 * temporary sibling directory and renamed into place, so a crash never leaves a half-written
 * {@code onnx/}. Stateless; safe to call from several threads on different directories.
 */
public final class OnnxExporter {
    /** The folder inside a model directory. */
    public static final String DIRECTORY = "onnx";

    private OnnxExporter() {
    }

    /** Exports {@code modelDir} (replacing an earlier export) and returns the manifest written. */
    public static Manifest export(Path modelDir, PluginRegistry plugins) {
        return export(modelDir, plugins, 0);
    }

    /**
     * As {@link #export(Path, PluginRegistry)}, and also writes {@code onnx/forward.onnx}, the
     * teacher-forced forward (source and target inputs to all logits; see {@link OnnxForward}),
     * listed in the manifest under {@code forward}.
     *
     * @param fixedTargetLength the target length the forward graph is fixed at when the decoder
     *                          cannot run a target of unknown length in one pass (the RNN
     *                          decoder's loop is unrolled that many times); unused otherwise
     */
    public static Manifest exportWithForward(Path modelDir, PluginRegistry plugins, int fixedTargetLength) {
        if (fixedTargetLength < 1) {
            throw new IllegalArgumentException("the forward graph's fixed target length must be at least 1, got "
                    + fixedTargetLength);
        }
        return export(modelDir, plugins, fixedTargetLength, false);
    }

    /**
     * As {@link #export(Path, PluginRegistry)} (with the forward graph when
     * {@code fixedTargetLength} is positive, as {@link #exportWithForward}), with every graph
     * quantized to int8 by {@link OnnxQuantizer}: int8 weights with one scale per output channel,
     * matmuls on dynamically quantized activations. The graphs' inputs and outputs are those of
     * the float export, so the {@code onnx} backend runs them unchanged; the manifest records the
     * quantization under {@code quantization}.
     *
     * @param fixedTargetLength as in {@link #exportWithForward}, or 0 for no forward graph
     */
    public static Manifest exportInt8(Path modelDir, PluginRegistry plugins, int fixedTargetLength) {
        if (fixedTargetLength < 0) {
            throw new IllegalArgumentException("the forward graph's fixed target length must be at least 1 (or 0 for"
                    + " none), got " + fixedTargetLength);
        }
        return export(modelDir, plugins, fixedTargetLength, true);
    }

    private static Manifest export(Path modelDir, PluginRegistry plugins, int forwardLength) {
        return export(modelDir, plugins, forwardLength, false);
    }

    private static Manifest export(Path modelDir, PluginRegistry plugins, int forwardLength, boolean int8) {
        LoadedModel m = LoadedModel.load(new ModelDirectory(modelDir), plugins);
        String sha = sha256(m.directory().weights());
        String config;
        try {
            config = Files.readString(m.directory().config(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + m.directory().config(), e);
        }
        Exported e = trace(m.model(), m.source().vocabulary().size(), m.target().vocabulary().size(), config, sha,
                forwardLength, int8);
        write(modelDir.resolve(DIRECTORY), e);
        return e.manifest();
    }

    /**
     * Writes the teacher-forced forward graph of {@code model}, an in-memory model with no model
     * directory (a benchmark's), to {@code file} (through a temporary sibling renamed into
     * place), and returns its interface: inputs {@code src}, {@code tgt_in}, output
     * {@code logits}. Open it with {@link OnnxForward#open(Path, Manifest.GraphSpec, int,
     * org.attn4j.api.config.RuntimeConfig)}. Its metadata has the attn4j version and no
     * checkpoint hash.
     *
     * @param fixedTargetLength as in {@link #exportWithForward}
     */
    public static Manifest.GraphSpec exportForward(Seq2SeqModel model, int targetVocabulary, int fixedTargetLength,
            Path file) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("attn4j.version", Versions.attn4j());
        ForwardTracer.Traced t = ForwardTracer.trace(model, targetVocabulary, fixedTargetLength, meta);
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "-" + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.write(tmp, t.graph().toByteArray(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw new UncheckedIOException("cannot write the forward graph to " + file + ": " + ex.getMessage(), ex);
        }
        return new Manifest.GraphSpec(file.getFileName().toString(), t.spec().inputs(), t.spec().outputs());
    }

    /**
     * The export in memory; {@code decoderStepCached} is null unless the model's step state grows,
     * {@code forward} unless it was asked for.
     */
    record Exported(byte[] encoder, byte[] decoderStep, byte[] decoderStepCached, byte[] forward, Manifest manifest) {
    }

    /** Traces {@code model} into its step graphs and their manifest, without touching the disk. */
    static Exported trace(Seq2SeqModel model, int sourceVocabulary, int targetVocabulary, String config, String sha) {
        return trace(model, sourceVocabulary, targetVocabulary, config, sha, 0);
    }

    /**
     * As {@link #trace(Seq2SeqModel, int, int, String, String)}, with the forward graph when
     * {@code forwardLength} (the fixed target length for decoders that need one) is positive.
     */
    static Exported trace(Seq2SeqModel model, int sourceVocabulary, int targetVocabulary, String config, String sha,
            int forwardLength) {
        return trace(model, sourceVocabulary, targetVocabulary, config, sha, forwardLength, false);
    }

    /** As {@link #trace(Seq2SeqModel, int, int, String, String, int)}, int8-quantized when {@code int8}. */
    static Exported trace(Seq2SeqModel model, int sourceVocabulary, int targetVocabulary, String config, String sha,
            int forwardLength, boolean int8) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("attn4j.version", Versions.attn4j());
        meta.put("attn4j.config", config);
        meta.put("attn4j.checkpoint_sha256", sha);
        ModelTracer.Traced t = ModelTracer.trace(model, targetVocabulary, meta);
        ForwardTracer.Traced f = forwardLength > 0 ? ForwardTracer.trace(model, targetVocabulary, forwardLength, meta) : null;
        Map<String, Integer> special = new LinkedHashMap<>();
        special.put("pad", Vocabulary.PAD);
        special.put("unk", Vocabulary.UNK);
        special.put("bos", Vocabulary.BOS);
        special.put("eos", Vocabulary.EOS);
        ModelProto encoder = t.encoder();
        ModelProto step = t.decoderStep();
        ModelProto cached = t.decoderStepCached();
        ModelProto forward = f == null ? null : f.graph();
        Manifest.Quantization quantization = null;
        if (int8) {
            Set<String> parameters = model.namedParameters().keySet();
            OnnxQuantizer.Counts counts = new OnnxQuantizer.Counts(0, 0, 0, 0);
            OnnxQuantizer.Result r = OnnxQuantizer.quantize(encoder, parameters);
            encoder = r.model();
            counts = counts.plus(r.counts());
            r = OnnxQuantizer.quantize(step, parameters);
            step = r.model();
            counts = counts.plus(r.counts());
            if (cached != null) {
                r = OnnxQuantizer.quantize(cached, parameters);
                cached = r.model();
                counts = counts.plus(r.counts());
            }
            if (forward != null) {
                r = OnnxQuantizer.quantize(forward, parameters);
                forward = r.model();
                counts = counts.plus(r.counts());
            }
            quantization = new Manifest.Quantization(Manifest.Quantization.INT8, Manifest.Quantization.INT8_WEIGHTS,
                    Manifest.Quantization.INT8_ACTIVATIONS, counts.tensors(), counts.integerMatmuls(),
                    counts.int8Gathers(), counts.dequantized());
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, OnnxGraph.OPSET, Versions.attn4j(), sha,
                special, sourceVocabulary, targetVocabulary, t.encoderSpec(), t.decoderSpec(), t.state(),
                t.updatedState(), t.attentionOutput(), t.cachedSpec(), f == null ? null : f.spec(), quantization);
        return new Exported(encoder.toByteArray(), step.toByteArray(), cached == null ? null : cached.toByteArray(),
                forward == null ? null : forward.toByteArray(), manifest);
    }

    /** Writes the files into a temporary sibling of {@code dir}, then swaps it in. */
    static void write(Path dir, Exported e) {
        Path parent = dir.toAbsolutePath().getParent();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + DIRECTORY + "-new-");
            Files.write(tmp.resolve(ModelTracer.ENCODER_FILE), e.encoder());
            Files.write(tmp.resolve(ModelTracer.DECODER_FILE), e.decoderStep());
            if (e.decoderStepCached() != null) {
                Files.write(tmp.resolve(ModelTracer.DECODER_CACHED_FILE), e.decoderStepCached());
            }
            if (e.forward() != null) {
                Files.write(tmp.resolve(ForwardTracer.FILE), e.forward());
            }
            Files.write(tmp.resolve(Manifest.FILE), e.manifest().toJson());
            if (Files.exists(dir)) {
                old = parent.resolve("." + DIRECTORY + "-old-" + Long.toHexString(System.nanoTime()));
                Files.move(dir, old);
            }
            Files.move(tmp, dir);
            tmp = null;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the ONNX export to " + dir + ": " + ex.getMessage(), ex);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // leftovers are hidden dot-directories; a later export removes nothing it did not make
        }
    }

    /** The SHA-256 of a file, in hex. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("this JVM has no SHA-256", ex);
        }
    }
}
