package org.attn4j.api.config;

import org.attn4j.api.ConfigurationException;

/**
 * Where and how a model runs: {@code runtime: {backend: onnx, device: cpu, threads: 2,
 * optimization: all}}.
 *
 * @param backend      a {@link org.attn4j.api.spi.BackendProvider} name: {@code java} (eager
 *                     engine) or {@code onnx} (ONNX Runtime)
 * @param device       {@code cpu} or {@code cuda:N}
 * @param threads      intra-op threads, at least 1
 * @param optimization graph optimisation level for backends that have one: {@code none},
 *                     {@code basic}, {@code extended}, {@code all}
 */
public record RuntimeConfig(String backend, String device, int threads, String optimization) {
    public RuntimeConfig {
        if (backend == null || backend.isBlank()) {
            throw new ConfigurationException("'runtime.backend' must name a backend");
        }
        if (device == null || !(device.equals("cpu") || device.matches("cuda:\\d+"))) {
            throw new ConfigurationException("'runtime.device' must be cpu or cuda:N, got '" + device + "'");
        }
        if (threads < 1) {
            throw new ConfigurationException("'runtime.threads' must be at least 1, got " + threads);
        }
        if (!java.util.Set.of("none", "basic", "extended", "all").contains(optimization)) {
            throw new ConfigurationException("'runtime.optimization' must be one of [all, basic, extended, none], got '"
                    + optimization + "'");
        }
    }

    /** The pure-Java engine on the CPU with every available core. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig("java", "cpu", Runtime.getRuntime().availableProcessors(), "all");
    }
}
