package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference itself, checked against a direct double-precision triple loop. */
class PlainGemmTest {

    @Test
    void agreesWithTheDefinitionInDoublePrecision() {
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {33, 17, 70}, {80, 70, 90}, {20, 10, 200}};
        long seed = 7;
        for (int[] s : shapes) {
            for (int combo = 0; combo < 4; combo++) {
                GemmCase c = new GemmCase(seed++, (combo & 1) != 0, (combo & 2) != 0, s[0], s[1],
                        s[2], 0.5f, combo < 2 ? 0f : -2f);
                c.assertClose(definition(c), c.run(new PlainGemm()), "plain");
            }
        }
    }

    @Test
    void smallProductByHand() {
        // [1 2; 3 4] x [5 6; 7 8] = [19 22; 43 50]; then 2 * that + 1 * C
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {1, 1, 1, 1};
        new PlainGemm().sgemm(false, false, 2, 2, 2, 2f, a, 0, 2, b, 0, 2, 1f, c, 0, 2);
        assertThat(c).containsExactly(39f, 45f, 87f, 101f);
        // transposed B: [1 2; 3 4] x [5 6; 7 8]^T = [17 23; 39 53]
        new PlainGemm().sgemm(false, true, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(17f, 23f, 39f, 53f);
    }

    private static float[] definition(GemmCase c) {
        float[] out = c.c0.clone();
        for (int i = 0; i < c.m; i++) {
            for (int j = 0; j < c.n; j++) {
                double s = 0;
                for (int p = 0; p < c.k; p++) {
                    float aip = c.transA ? c.a[c.aOff + p * c.lda + i] : c.a[c.aOff + i * c.lda + p];
                    float bpj = c.transB ? c.b[c.bOff + j * c.ldb + p] : c.b[c.bOff + p * c.ldb + j];
                    s += (double) aip * bpj;
                }
                int x = c.cOff + i * c.ldc + j;
                double prev = c.beta == 0f ? 0 : (double) c.beta * c.c0[x];
                out[x] = (float) (c.alpha * s + prev);
            }
        }
        return out;
    }
}
