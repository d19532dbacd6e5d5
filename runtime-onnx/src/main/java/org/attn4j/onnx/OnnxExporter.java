package org.attn4j.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.pipeline.LoadedModel;
import org.attn4j.core.pipeline.ModelDirectory;

/**
 * Exports a trained model directory to ONNX: {@code onnx/encoder.onnx},
 * {@code onnx/decoder_step.onnx}, for a model whose step state grows (a Transformer's key/value
 * cache) also {@code onnx/decoder_step_cached.onnx}, and {@code onnx/manifest.json} (see
 * {@link Manifest}). The
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
        LoadedModel m = LoadedModel.load(new ModelDirectory(modelDir), plugins);
        String sha = sha256(m.directory().weights());
        String config;
        try {
            config = Files.readString(m.directory().config(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + m.directory().config(), e);
        }
        Exported e = trace(m.model(), m.source().vocabulary().size(), m.target().vocabulary().size(), config, sha);
        write(modelDir.resolve(DIRECTORY), e);
        return e.manifest();
    }

    /** The export in memory; {@code decoderStepCached} is null unless the model's step state grows. */
    record Exported(byte[] encoder, byte[] decoderStep, byte[] decoderStepCached, Manifest manifest) {
    }

    /** Traces {@code model} into both graphs and their manifest, without touching the disk. */
    static Exported trace(Seq2SeqModel model, int sourceVocabulary, int targetVocabulary, String config, String sha) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("attn4j.version", Versions.attn4j());
        meta.put("attn4j.config", config);
        meta.put("attn4j.checkpoint_sha256", sha);
        ModelTracer.Traced t = ModelTracer.trace(model, targetVocabulary, meta);
        Map<String, Integer> special = new LinkedHashMap<>();
        special.put("pad", Vocabulary.PAD);
        special.put("unk", Vocabulary.UNK);
        special.put("bos", Vocabulary.BOS);
        special.put("eos", Vocabulary.EOS);
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, OnnxGraph.OPSET, Versions.attn4j(), sha,
                special, sourceVocabulary, targetVocabulary, t.encoderSpec(), t.decoderSpec(), t.state(),
                t.updatedState(), t.attentionOutput(), t.cachedSpec());
        return new Exported(t.encoder().toByteArray(), t.decoderStep().toByteArray(),
                t.decoderStepCached() == null ? null : t.decoderStepCached().toByteArray(), manifest);
    }

    /** Writes the three files into a temporary sibling of {@code dir}, then swaps it in. */
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
