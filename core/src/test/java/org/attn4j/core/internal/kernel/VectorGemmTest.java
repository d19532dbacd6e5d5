package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorGemmTest extends GemmContractTest {

    @Override
    Gemm gemm() {
        return new VectorGemm();
    }

    @Test
    void tileIsTwoVectorsWideAndSixRowsTall() {
        assertThat(VectorGemm.NR % 2).isZero();
        assertThat(VectorGemm.MC % VectorGemm.MR).isZero();
        assertThat(VectorGemm.NC % VectorGemm.NR).isZero();
        assertThat(VectorGemm.species()).startsWith("float x " + VectorGemm.NR / 2);
    }

    @Test
    void packedBIsZeroPaddedPastTheLastColumn() {
        int nr = VectorGemm.NR;
        int n = nr + 3;
        int k = 2;
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = i + 1;
        }
        float[] packed = new float[2 * nr * k];
        java.util.Arrays.fill(packed, -1f);
        VectorKernel.packB(false, b, 0, n, 0, k, 0, n, packed, 0);
        // second sliver, row p = 1: columns nr .. nr+2 of B's second row, then zeros
        int row1 = nr * k + nr;
        assertThat(packed[row1]).isEqualTo(b[n + nr]);
        assertThat(packed[row1 + 2]).isEqualTo(b[n + nr + 2]);
        assertThat(packed[row1 + 3]).isZero();
        assertThat(packed[row1 + nr - 1]).isZero();
    }
}
