package org.attn4j.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.pipeline.LoadedModel;
import org.attn4j.core.pipeline.ModelDirectory;
import org.attn4j.core.pipeline.Translator;
import org.attn4j.core.pipeline.TranslatorBackendProvider;

/**
 * The {@code onnx} backend: a model directory's {@code onnx/} export (see {@link OnnxExporter})
 * run by ONNX Runtime, decoded by the same searches as the Java backend. Settings:
 * {@code runtime: {backend: onnx, device: cpu, threads: 2, optimization: all}}; {@code cuda:N}
 * needs the {@code onnxruntime_gpu} artifact. Needs {@code config.json}, the two vocabularies
 * and {@code onnx/}; {@code weights.safetensors}, when present, must be the one exported
 * (its hash is in the manifest), so a retrained model is not served with stale graphs.
 * Registered in META-INF/services; stateless and thread-safe.
 */
public final class OnnxBackendProvider implements TranslatorBackendProvider {
    public static final String NAME = "onnx";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion()
                + " over the model's onnx/ export (cpu, or cuda:N with onnxruntime_gpu)";
    }

    @Override
    public Translator openTranslator(Path modelDir, RuntimeConfig config, PluginRegistry plugins) {
        ModelDirectory md = new ModelDirectory(modelDir);
        requireFiles(md);
        Path onnx = modelDir.resolve(OnnxExporter.DIRECTORY);
        if (!Files.isDirectory(onnx)) {
            throw new ModelFormatException(onnx + ": missing; this model has not been exported to ONNX (run attn4j export"
                    + " --model " + modelDir + ")");
        }
        LoadedModel.Codecs codecs = LoadedModel.codecs(md, plugins);
        OnnxModel model = OnnxModel.open(onnx, config);
        try {
            Manifest m = model.manifest();
            Path manifest = onnx.resolve(Manifest.FILE);
            if (m.sourceVocabularySize() != codecs.source().vocabulary().size()
                    || m.targetVocabularySize() != codecs.target().vocabulary().size()) {
                throw new ModelFormatException(manifest + " records vocabularies of " + m.sourceVocabularySize() + " / "
                        + m.targetVocabularySize() + " tokens, but " + md.source() + " and " + md.target() + " hold "
                        + codecs.source().vocabulary().size() + " / " + codecs.target().vocabulary().size());
            }
            if (Files.isRegularFile(md.weights()) && !OnnxExporter.sha256(md.weights()).equals(m.checkpointSha256())) {
                throw new ModelFormatException(manifest + " was exported from other weights than " + md.weights()
                        + " (checkpoint_sha256 differs); export again with attn4j export --model " + modelDir);
            }
            return new Translator(NAME, model::newStepFunction, codecs.source(), codecs.target(), model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void requireFiles(ModelDirectory md) {
        if (!Files.isDirectory(md.root())) {
            throw new ModelFormatException(md.root() + ": no such model directory");
        }
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(md.config(), md.source().resolve("vocab.json"), md.target().resolve("vocab.json"))) {
            if (!Files.isRegularFile(p)) {
                missing.add(md.root().relativize(p).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelFormatException(md.root() + " is not a complete model directory: missing " + missing);
        }
    }
}
