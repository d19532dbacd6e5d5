package org.attn4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.RuntimeConfig;

/**
 * ONNX Runtime session options from the {@code runtime} settings: {@code threads} intra-op
 * threads (one inter-op thread: the graphs are sequential), {@code optimization} as ORT's graph
 * optimisation level, and {@code device}: {@code cpu}, or {@code cuda:N} through the CUDA
 * execution provider, which exists only when the {@code onnxruntime_gpu} artifact is on the
 * class path (Maven profile {@code cuda}).
 */
final class SessionSettings {
    /**
     * ORT's {@code session.disable_quant_qdq}: no QDQ-format rewrites (attn4j writes no QDQ pairs)
     * and, with it, constant folding of {@code DequantizeLinear} on initializers.
     */
    static final String FOLD_DEQUANTIZE_KEY = "session.disable_quant_qdq";

    private SessionSettings() {
    }

    /** The shared ORT environment, logging errors only. */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "attn4j");
    }

    /**
     * Options for {@code config}; the caller closes them.
     *
     * @throws ConfigurationException naming {@code runtime.device} when it asks for CUDA and
     *         this ONNX Runtime has no CUDA execution provider
     */
    static OrtSession.SessionOptions options(RuntimeConfig config) throws OrtException {
        if (config.device().startsWith("cuda:")) {
            checkCuda(config.device(), OrtEnvironment.getAvailableProviders());
        }
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setIntraOpNumThreads(config.threads());
            o.setInterOpNumThreads(1);
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            // An int8 export's DequantizeLinear of a weight the graph needs in float (GRU/LSTM weights) is then
            // folded once at load instead of run at every step; a float export has no such node.
            o.addConfigEntry(FOLD_DEQUANTIZE_KEY, "1");
            o.setOptimizationLevel(switch (config.optimization()) {
                case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            if (config.device().startsWith("cuda:")) {
                o.addCUDA(Integer.parseInt(config.device().substring("cuda:".length())));
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    static void checkCuda(String device, EnumSet<OrtProvider> available) {
        if (!available.contains(OrtProvider.CUDA)) {
            throw new ConfigurationException("'runtime.device' is '" + device + "', but this ONNX Runtime has no CUDA"
                    + " execution provider (available: " + available + "); put com.microsoft.onnxruntime:onnxruntime_gpu"
                    + " on the class path instead of onnxruntime (Maven profile -Pcuda), or use device cpu");
        }
    }
}
