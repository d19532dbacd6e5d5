package org.attn4j.core.internal.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The strided copies against the index map of {@link Broadcast#walk}, on every permutation of odd shapes. */
class StridedTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void gatherAndScatterAddMatchTheIndexMap() {
        // small shapes; a head split [B, T, H, Dh] -> [B, H, T, Dh]; and shapes past the parallel threshold
        int[][] shapes = {{5}, {3, 7}, {2, 3, 5}, {4, 16, 8, 32}, {3, 70, 5, 41}, {2, 1, 3, 1}, {9, 7, 1, 520}};
        long seed = 1;
        for (int[] shape : shapes) {
            for (int[] perm : permutations(shape.length)) {
                int[] xs = Shapes.strides(shape);
                int[] os = new int[shape.length];
                int[] strides = new int[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    os[i] = shape[perm[i]];
                    strides[i] = xs[perm[i]];
                }
                float[] src = random(Shapes.size(shape), seed++);
                int[] map = Broadcast.walk(os, strides);
                float[] out = new float[src.length];
                Strided.gather(src, os, strides, out);
                float[] g = random(src.length, seed++);
                float[] dst = random(src.length, seed++);
                float[] expected = dst.clone();
                float[] expectedOut = new float[map.length];
                for (int i = 0; i < map.length; i++) {
                    expectedOut[i] = src[map[i]];
                    expected[map[i]] += g[i];
                }
                assertThat(java.util.Arrays.mismatch(out, expectedOut)).as("first wrong element, %s permuted by %s",
                        Shapes.str(shape), Shapes.str(perm)).isEqualTo(-1);
                Strided.scatterAdd(g, os, strides, dst);
                assertThat(java.util.Arrays.mismatch(dst, expected)).as("first wrong element of the adjoint, %s permuted by %s",
                        Shapes.str(shape), Shapes.str(perm)).isEqualTo(-1);
            }
        }
    }

    @Test
    void emptyShapesCopyNothingAndBadShapesAreRefused() {
        float[] out = new float[0];
        Strided.gather(new float[0], new int[] {3, 0, 2}, new int[] {0, 2, 1}, out);
        assertThatThrownBy(() -> Strided.gather(new float[6], new int[] {2, 3}, new int[] {3}, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3] with 1 strides");
        assertThatThrownBy(() -> Strided.scatterAdd(new float[5], new int[] {2, 3}, new int[] {3, 1}, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not describe 5 elements");
    }

    private static int[][] permutations(int r) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        permute(new int[r], new boolean[r], 0, out);
        return out.toArray(new int[0][]);
    }

    private static void permute(int[] p, boolean[] used, int at, java.util.List<int[]> out) {
        if (at == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!used[v]) {
                used[v] = true;
                p[at] = v;
                permute(p, used, at + 1, out);
                used[v] = false;
            }
        }
    }
}
