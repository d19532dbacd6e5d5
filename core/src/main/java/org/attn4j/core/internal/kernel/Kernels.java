package org.attn4j.core.internal.kernel;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Chooses the GEMM implementation the engine uses. Selection happens once, on first use of
 * {@link #gemm()}, from the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (the default): {@code native} when a native BLAS loads and is not the
 *       unoptimised reference BLAS, else {@code vector} when the {@code jdk.incubator.vector}
 *       module is present, else {@code plain};</li>
 *   <li>{@code native}: the machine's BLAS through netlib ({@code libblas.so.3}, for example
 *       OpenBLAS from {@code apt install libopenblas0-pthread});</li>
 *   <li>{@code vector}: the packed, cache-blocked Vector API kernel; needs the JVM flag
 *       {@code --add-modules=jdk.incubator.vector};</li>
 *   <li>{@code plain}: the plain-Java reference, always available and much slower.</li>
 * </ul>
 * Asking for a path that is not available fails with an {@link IllegalStateException} that
 * says why, instead of quietly running something slower. The threads the Java kernels use are
 * set with {@code attn4j.gemm.threads} (default: one per core).
 *
 * <p>Thread-safe; every implementation returned is stateless and may be shared.
 */
public final class Kernels {

    /** System property that picks the GEMM: {@code auto|native|vector|plain}. */
    public static final String PROPERTY = "attn4j.gemm";

    /** The names {@link #create(String)} accepts, besides {@code auto}. */
    public static final List<String> PATHS = List.of("native", "vector", "plain");

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.attn4j.core.internal.kernel.VectorGemm";
    private static final Logger LOG = Logger.getLogger(Kernels.class.getName());

    private static volatile Gemm gemm;

    private Kernels() {
    }

    /**
     * The GEMM in use, chosen by {@value #PROPERTY} on first call.
     *
     * @throws IllegalStateException if the property names an unknown or unavailable path
     */
    public static Gemm gemm() {
        Gemm g = gemm;
        if (g == null) {
            synchronized (Kernels.class) {
                if (gemm == null) {
                    String choice = System.getProperty(PROPERTY, "auto");
                    gemm = create(choice);
                    LOG.fine(() -> "GEMM path '" + gemm.name() + "' (" + PROPERTY + "=" + choice
                            + ")");
                }
                g = gemm;
            }
        }
        return g;
    }

    /**
     * A new instance of the named path, independent of the property; for benchmarks and tests.
     *
     * @param path {@code auto}, {@code native}, {@code vector} or {@code plain} (any case)
     * @throws IllegalStateException if the path exists but cannot run in this JVM
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Gemm create(String path) {
        String p = path.trim().toLowerCase(Locale.ROOT);
        switch (p) {
            case "plain":
                return new PlainGemm();
            case "vector":
                return vector();
            case "native":
                return NativeGemm.load();
            case "auto":
                return auto();
            default:
                throw new IllegalArgumentException("Unknown GEMM path '" + path + "' (system property "
                        + PROPERTY + "): expected one of auto, native, vector, plain");
        }
    }

    /** Whether the Vector API module is in the boot layer, so that {@code vector} can run. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static Gemm auto() {
        try {
            NativeGemm nativeGemm = NativeGemm.load();
            if (!nativeGemm.isReferenceBlas()) {
                return nativeGemm;
            }
            LOG.fine(() -> "skipping the reference BLAS " + nativeGemm.library());
        } catch (IllegalStateException e) {
            LOG.fine(() -> "no native BLAS: " + e.getMessage());
        }
        return vectorAvailable() ? vector() : new PlainGemm();
    }

    /**
     * The Vector API kernel {@code simpleName} of this package, made by its static
     * {@code create()}, or {@code plain} when {@code jdk.incubator.vector} is not in the boot
     * layer. The class is loaded by name so that the caller never links against the incubator
     * module.
     *
     * @throws IllegalStateException if the module is present but the class fails to load
     */
    static <T> T vectorOr(Class<T> type, String simpleName, T plain) {
        if (!vectorAvailable()) {
            return plain;
        }
        String name = Kernels.class.getPackageName() + "." + simpleName;
        try {
            return type.cast(Class.forName(name).getDeclaredMethod("create").invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Vector API is present but " + name + " failed to load", e);
        }
    }

    private static Gemm vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("GEMM path 'vector' needs the incubator module "
                    + VECTOR_MODULE + ": start the JVM with --add-modules=" + VECTOR_MODULE
                    + ", or set " + PROPERTY + "=auto to fall back to another path");
        }
        // Loaded reflectively so that this class never links against the incubator module.
        try {
            return (Gemm) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("GEMM path 'vector' failed to load " + VECTOR_CLASS, e);
        }
    }
}
