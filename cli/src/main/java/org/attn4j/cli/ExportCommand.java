package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.onnx.Manifest;
import org.attn4j.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attn4j export --model DIR}: writes {@code DIR/onnx/} (encoder and decoder-step graphs and
 * their manifest; see docs/onnx.md), replacing an earlier export atomically. Afterwards
 * {@code translate --backend onnx} runs the model on ONNX Runtime.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Exports a trained model to ONNX (MODEL_DIR/onnx) for the onnx backend.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Trained model directory.")
    private Path model;

    @Override
    public Integer call() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        Manifest m = OnnxExporter.export(model, PluginDiscovery.discover(l != null ? l : getClass().getClassLoader()));
        PrintWriter out = spec.commandLine().getOut();
        String cached = m.decoderStepCached() == null ? "" : ", " + m.decoderStepCached().graph().file();
        out.printf("exported to %s: %s, %s%s, %s (opset %d; decoder state %s)%n", model.resolve(OnnxExporter.DIRECTORY),
                m.encoder().file(), m.decoderStep().file(), cached, Manifest.FILE, m.opset(), m.state());
        out.flush();
        return 0;
    }
}
