package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.onnx.Manifest;
import org.attn4j.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attn4j export --model DIR}: writes {@code DIR/onnx/} (encoder and decoder-step graphs and
 * their manifest; see docs/onnx.md), replacing an earlier export atomically. Afterwards
 * {@code translate --backend onnx} runs the model on ONNX Runtime. {@code --forward} also writes
 * {@code onnx/forward.onnx}, the teacher-forced forward ({@code src}, {@code tgt_in} to
 * {@code logits}), listed in the manifest. {@code --quantize int8} writes int8 graphs (see
 * {@code OnnxExporter.exportInt8}) with the same interface, recorded in the manifest.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Exports a trained model to ONNX (MODEL_DIR/onnx) for the onnx backend.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Trained model directory.")
    private Path model;

    @Option(names = "--forward", description = "Also export the teacher-forced forward (onnx/forward.onnx: src, tgt_in"
            + " -> logits).")
    private boolean forward;

    /** The forward graph's target length for decoders that loop over the target, as the W5 peer's RNN graph. */
    static final int DEFAULT_FORWARD_LENGTH = 16;

    @Option(names = "--forward-length", paramLabel = "N",
            description = "With --forward: the target length the forward graph is fixed at when the decoder loops over"
                    + " the target (RNN; a Transformer's accepts any length). Default: 16.")
    private Integer forwardLength;

    @Option(names = "--quantize", paramLabel = "SCHEME",
            description = "Quantize the graphs: int8 (int8 weights, one scale per output channel; matmuls on dynamically"
                    + " quantized uint8 activations). Default: float graphs.")
    private String quantize;

    @Override
    public Integer call() {
        if (quantize != null && !quantize.equals(Manifest.Quantization.INT8)) {
            throw new ParameterException(spec.commandLine(), "--quantize: unknown scheme '" + quantize + "' (known: "
                    + Manifest.Quantization.INT8 + ")");
        }
        if (forwardLength != null && !forward) {
            throw new ParameterException(spec.commandLine(), "--forward-length applies to the forward graph; add --forward");
        }
        int length = forwardLength == null ? DEFAULT_FORWARD_LENGTH : forwardLength;
        if (length < 1) {
            throw new ParameterException(spec.commandLine(), "--forward-length must be at least 1, got " + length);
        }
        PluginRegistry plugins = PluginDiscovery.discover(PluginDiscovery.contextLoader());
        Manifest m = quantize != null ? OnnxExporter.exportInt8(model, plugins, forward ? length : 0)
                : forward ? OnnxExporter.exportWithForward(model, plugins, length) : OnnxExporter.export(model, plugins);
        PrintWriter out = spec.commandLine().getOut();
        String cached = m.decoderStepCached() == null ? "" : ", " + m.decoderStepCached().graph().file();
        String fwd = m.forward() == null ? "" : ", " + m.forward().file();
        out.printf("exported to %s: %s, %s%s%s, %s (opset %d; decoder state %s)%n", model.resolve(OnnxExporter.DIRECTORY),
                m.encoder().file(), m.decoderStep().file(), cached, fwd, Manifest.FILE, m.opset(), m.state());
        Manifest.Quantization q = m.quantization();
        if (q != null) {
            out.printf("quantized %s: weights %s; activations %s (%d weight tensors: %d integer matmuls, %d int8"
                    + " embedding lookups, %d dequantized to float for float ops)%n", q.scheme(), q.weights(),
                    q.activations(), q.tensors(), q.integerMatmuls(), q.int8Gathers(), q.dequantized());
        }
        if (m.forward() != null) {
            out.printf("forward graph: %s -> %s%n", m.forward().inputs().stream().map(ExportCommand::describe).toList(),
                    m.forward().outputs().stream().map(ExportCommand::describe).toList());
        }
        out.flush();
        return 0;
    }

    private static String describe(Manifest.ValueSpec v) {
        return v.name() + " " + v.shape();
    }
}
