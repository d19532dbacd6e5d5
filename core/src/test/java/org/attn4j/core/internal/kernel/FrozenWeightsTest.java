package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class FrozenWeightsTest {

    @Test
    void aFrozenArrayGetsItsTransposeOnceOnTheVectorPath() {
        assumeTrue(Kernels.vectorAvailable(), "jdk.incubator.vector is not in the boot layer");
        Gemm vector = Kernels.create("vector");
        float[] w = {1, 2, 3, 4, 5, 6};
        assertThat(FrozenWeights.transposed(w, 2, 3, vector)).as("not frozen").isNull();
        FrozenWeights.freeze(w);
        float[] t = FrozenWeights.transposed(w, 2, 3, vector);
        assertThat(t).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(FrozenWeights.transposed(w, 2, 3, vector)).isSameAs(t);
        assertThat(FrozenWeights.transposed(w, 2, 3, new PlainGemm())).as("other paths read it in place").isNull();
        assertThat(w).as("the original is untouched").containsExactly(1, 2, 3, 4, 5, 6);
    }
}
