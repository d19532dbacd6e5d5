package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Skipped, with the reason, where no native BLAS loads (install libopenblas0-pthread). */
class NativeGemmTest extends GemmContractTest {
    private static NativeGemm nativeGemm;
    private static String unavailable;

    @BeforeAll
    static void load() {
        try {
            nativeGemm = NativeGemm.load();
        } catch (IllegalStateException e) {
            unavailable = e.getMessage();
        }
    }

    @Override
    Gemm gemm() {
        Assumptions.assumeTrue(nativeGemm != null, () -> "native BLAS not available: " + unavailable);
        return nativeGemm;
    }

    @Test
    void namesTheLibraryItLoaded() {
        Gemm g = gemm();
        assertThat(g.name()).isEqualTo("native");
        assertThat(nativeGemm.library()).isNotBlank();
    }
}
