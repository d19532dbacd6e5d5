package org.attn4j.core.internal.kernel;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GEMM through the machine's native BLAS, reached with {@code dev.ludovic.netlib:blas} (JNI to
 * {@code libblas.so.3}, for example OpenBLAS from {@code apt install libopenblas0-pthread}).
 *
 * <p>BLAS is column-major. A row-major matrix is the column-major view of its transpose, so
 * row-major {@code C = op(A) op(B)} is column-major {@code C^T = op(B)^T op(A)^T}: the call
 * passes B before A, swaps m with n and transB with transA, and keeps every leading
 * dimension. Threads are the native library's own (for OpenBLAS {@code OPENBLAS_NUM_THREADS},
 * by default one per core).
 */
final class NativeGemm implements Gemm {

    private static final String NETLIB_LOGGER = "dev.ludovic.netlib.blas.InstanceBuilder";

    private final NativeBLAS blas;
    private final String library;

    private NativeGemm(NativeBLAS blas, String library) {
        this.blas = blas;
        this.library = library;
    }

    /**
     * Loads netlib's native BLAS. netlib logs a warning through java.util.logging when no
     * native library is found; that message is held back here because the caller reports
     * its own choice (see {@link Kernels}).
     *
     * @throws IllegalStateException if no native BLAS can be loaded, with netlib's reason
     */
    static NativeGemm load() {
        Logger netlibLog = Logger.getLogger(NETLIB_LOGGER);
        Level previous = netlibLog.getLevel();
        netlibLog.setLevel(Level.OFF);
        try {
            NativeBLAS blas = NativeBLAS.getInstance();
            return new NativeGemm(blas, mappedBlasLibraries());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("no native BLAS could be loaded through netlib ("
                    + e + "); on Debian/Ubuntu install libopenblas0-pthread, which provides "
                    + "libblas.so.3", e);
        } finally {
            netlibLog.setLevel(previous);
        }
    }

    @Override
    public String name() {
        return "native";
    }

    /** The BLAS shared libraries mapped into this process (Linux), or "unknown". */
    String library() {
        return library;
    }

    /**
     * Whether the library looks like the unoptimised Netlib reference BLAS (Debian's
     * {@code libblas3}, which {@code libblas.so.3} points to when no OpenBLAS is installed):
     * it is single-threaded and slower than the vector kernel, so automatic selection
     * skips it.
     */
    boolean isReferenceBlas() {
        String lib = library.toLowerCase(Locale.ROOT);
        boolean optimised = lib.contains("openblas") || lib.contains("mkl")
                || lib.contains("blis") || lib.contains("atlas") || lib.contains("accelerate");
        return !optimised && lib.contains("/blas/libblas");
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            // netlib's index checks reject empty operands; the result is beta * C either way.
            PlainGemm.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        // BLAS rejects a leading dimension below 1 even for an empty operand (k == 0).
        blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, Math.max(1, ldb), a, aOff, Math.max(1, lda),
                beta, c, cOff, Math.max(1, ldc));
    }

    private static String mappedBlasLibraries() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return "unknown";
        }
        Set<String> libs = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if (file.contains("blas") && !file.contains("netlibblasjni")) {
                    libs.add(path);
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return libs.isEmpty() ? "unknown" : String.join(",", libs);
    }
}
