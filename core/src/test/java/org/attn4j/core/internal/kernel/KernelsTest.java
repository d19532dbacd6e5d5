package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void createsEachNamedJavaPath() {
        assertThat(Kernels.create("plain").name()).isEqualTo("plain");
        assertThat(Kernels.vectorAvailable()).as("surefire adds jdk.incubator.vector").isTrue();
        assertThat(Kernels.create(" Vector ").name()).isEqualTo("vector");
        assertThat(Kernels.create("auto").name()).isIn("native", "vector");
        assertThat(Kernels.gemm()).isSameAs(Kernels.gemm());
    }

    @Test
    void unknownPathIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> Kernels.create("cuda"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown GEMM path 'cuda' (system property attn4j.gemm): "
                        + "expected one of auto, native, vector, plain");
    }

    /**
     * Without --add-modules the library must still work: auto falls back and never loads the
     * vector class, and asking for vector says which flag is missing. Needs a fresh JVM.
     */
    @Test
    void withoutTheVectorModuleAutoFallsBackAndVectorExplains() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp",
                System.getProperty("java.class.path"), "-verbose:class",
                NoVectorModuleMain.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).contains("vector available: false", "result: 19.0");
        assertThat(lines).anyMatch(l -> l.matches("auto: (native|plain)"));
        assertThat(lines).contains("vector error: GEMM path 'vector' needs the incubator module "
                + "jdk.incubator.vector: start the JVM with --add-modules=jdk.incubator.vector, "
                + "or set attn4j.gemm=auto to fall back to another path");
        assertThat(out).doesNotContain("VectorGemm").doesNotContain("jdk.incubator.vector.FloatVector");
    }

    /** Run by the test above in a JVM without jdk.incubator.vector. */
    static final class NoVectorModuleMain {
        public static void main(String[] args) throws IOException {
            System.out.println("vector available: " + Kernels.vectorAvailable());
            Gemm auto = Kernels.create("auto");
            System.out.println("auto: " + auto.name());
            float[] c = new float[1];
            auto.sgemm(false, false, 1, 1, 2, 1f, new float[] {1, 2}, 0, 2, new float[] {5, 7}, 0,
                    1, 0f, c, 0, 1);
            System.out.println("result: " + c[0]);
            try {
                Kernels.create("vector");
            } catch (IllegalStateException e) {
                System.out.println("vector error: " + e.getMessage());
            }
        }
    }
}
