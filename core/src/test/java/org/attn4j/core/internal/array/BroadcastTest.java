package org.attn4j.core.internal.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The broadcasting loops, including the sizes that split over cores, against a naive index computation. */
class BroadcastTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    /** Offset in a tensor of shape {@code in} of output element {@code i} of shape {@code out}. */
    private static int naive(int i, int[] in, int[] out) {
        int off = 0;
        int stride = 1;
        for (int d = out.length - 1; d >= 0; d--) {
            int coord = i % out[d];
            i /= out[d];
            int k = d - (out.length - in.length);
            if (k >= 0) {
                off += (in[k] == 1 ? 0 : coord) * stride;
                stride *= in[k];
            }
        }
        return off;
    }

    @Test
    void binaryAndReduceMatchTheDefinitionAtLargeSizes() {
        int[][][] cases = {
            {{32, 1, 40, 256}, {32, 24, 1, 256}},   // the additive score: [B, Tq, 1, A] + [B, 1, Tk, A]
            {{64, 30, 512}, {512}},                 // a bias
            {{64, 30, 512}, {64, 30, 512}},         // equal shapes
            {{7, 1, 5000}, {7, 9, 1}},
            {{1, 3, 5, 7}, {3, 5, 7}},              // equal up to a leading 1 (the flat path)
            {{5, 3, 37}, {1, 1, 37}},               // a row vector with leading 1s
            {{Parallel.GRAIN - 1}, {Parallel.GRAIN - 1}}, // either side of the parallel threshold
            {{Parallel.GRAIN + 1}, {Parallel.GRAIN + 1}},
            {{4681, 7}, {7}},                       // 32,767 elements: one thread
            {{4682, 7}, {7}},                       // 32,774 elements: split
            {{37, 1}, {37, 1}},
        };
        for (int[][] c : cases) {
            int[] as = c[0];
            int[] bs = c[1];
            int[] os = Shapes.broadcast("test", as, bs);
            float[] a = random(Shapes.size(as), 1);
            float[] b = random(Shapes.size(bs), 2);
            float[] out = new float[Shapes.size(os)];
            Broadcast.binary(Broadcast.MUL, a, as, b, bs, out, os);
            float[] reduced = new float[b.length];
            Broadcast.reduceInto(out, os, reduced, bs);
            float[] expectedReduced = new float[b.length];
            for (int i = 0; i < out.length; i++) {
                float e = a[naive(i, as, os)] * b[naive(i, bs, os)];
                assertThat(out[i]).as("element %d of %s", i, java.util.Arrays.toString(os)).isEqualTo(e);
                expectedReduced[naive(i, bs, os)] += e;
            }
            for (int j = 0; j < b.length; j++) {
                assertThat(reduced[j]).isCloseTo(expectedReduced[j], org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }
}
