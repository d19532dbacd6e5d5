package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GemmArgsTest {

    @Test
    void acceptsExactFitAndEmptyOperands() {
        assertThatCode(() -> GemmArgs.check(true, true, 3, 2, 4, new float[1 + 3 * 3 + 3], 1, 3,
                new float[2 * 5], 0, 5, new float[6], 0, 2)).doesNotThrowAnyException();
        assertThatCode(() -> GemmArgs.check(false, false, 0, 0, 0, null, 0, 0, null, 0, 0,
                null, 0, 0)).doesNotThrowAnyException();
    }

    @Test
    void rejectsNegativeSizes() {
        assertThatThrownBy(() -> GemmArgs.check(false, false, 2, -1, 2, new float[4], 0, 2,
                new float[4], 0, 2, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgemm: sizes must be >= 0, got m=2, n=-1, k=2");
    }

    @Test
    void rejectsShortLeadingDimensionNamingTheTransposedOperand() {
        assertThatThrownBy(() -> GemmArgs.check(false, true, 2, 3, 4, new float[8], 0, 4,
                new float[12], 0, 3, new float[6], 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgemm: ldb=3 is shorter than a stored row of B (4 elements, B is transposed)");
    }

    @Test
    void rejectsCThatDoesNotFitItsArray() {
        assertThatThrownBy(() -> GemmArgs.check(false, false, 2, 2, 2, new float[4], 0, 2,
                new float[4], 0, 2, new float[5], 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgemm: C stored as [2, 2] with leading dimension 2 from offset 2 "
                        + "needs 6 elements but its array has 5");
    }

    @Test
    void rejectsNullOperand() {
        assertThatThrownBy(() -> GemmArgs.check(false, false, 1, 1, 1, new float[1], 0, 1,
                null, 0, 1, new float[1], 0, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sgemm: B is null");
    }
}
