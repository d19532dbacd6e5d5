package org.attn4j.core.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exp kernels: the chosen one equal to the plain twin bit for bit (rows shorter, equal to and
 * longer than a block, at offsets, with and without a mask); the exponential within 1 ulp of
 * {@code Math.exp} over a dense sweep of floats and exact on the edge cases; and the same bits
 * from the first calls as after a warm-up long enough for the JIT to compile the kernel.
 */
class ExpKernelTest {
    private static final int[] LENGTHS = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 6000, 6001};

    @Test
    void theChosenKernelIsTheVectorOneWhereItCanRun() {
        if (Kernels.vectorAvailable() && jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256) {
            assertThat(ExpKernel.get().getClass().getSimpleName()).isEqualTo("VectorExpKernel");
        } else {
            assertThat(ExpKernel.get()).isSameAs(ExpKernel.plain());
        }
    }

    @Test
    void theChosenKernelEqualsThePlainLoopsBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : LENGTHS) {
            Row row = Row.random(rng, n);
            Result fast = Result.of(ExpKernel.get(), row);
            Result plain = Result.of(ExpKernel.plain(), row);
            fast.assertSameBits(plain, "n=" + n);
            assertThat(fast.out[0]).as("nothing written before outOff, n=%d", n).isZero();
        }
    }

    @Test
    void maskedEntriesAreZeroAndLeftOutOfTheSumWhateverTheyHold() {
        for (ExpKernel k : new ExpKernel[] {ExpKernel.get(), ExpKernel.plain()}) {
            int n = 37;
            float[] x = new float[n];
            float[] mask = new float[n];
            double expected = 0;
            for (int i = 0; i < n; i++) {
                boolean on = i % 3 != 1;
                mask[i] = on ? 1f : 0f;
                x[i] = on ? -0.25f * i : (i % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY);
            }
            float max = k.maxMasked(x, 0, n, mask, 0);
            assertThat(max).as(k.getClass().getSimpleName()).isEqualTo(0f);
            float[] out = new float[n];
            double s = k.expShiftedMasked(x, 0, n, max, mask, 0, out, 0);
            for (int i = 0; i < n; i++) {
                if (mask[i] == 0f) {
                    assertThat(out[i]).as("%s masked %d", k.getClass().getSimpleName(), i).isZero();
                } else {
                    assertThat(ulps(out[i], (float) Math.exp(x[i]))).isLessThanOrEqualTo(1);
                    expected += out[i];
                }
            }
            assertThat(s).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6 * expected));
            assertThat(k.maxMasked(x, 0, n, new float[n], 0)).isEqualTo(Float.NEGATIVE_INFINITY);
        }
    }

    @Test
    void theExponentialIsWithinOneUlpOfMathExpAndEqualsTheScalarFormOverADenseSweep() {
        ExpKernel k = ExpKernel.get();
        int lo = Float.floatToRawIntBits(FloatExp.HI);
        // every 61st float in [-104, 89], both signs, through the chosen kernel
        float[] x = new float[1 << 16];
        float[] out = new float[x.length];
        int worst = 0;
        for (int sign = 0; sign < 2; sign++) {
            int top = sign == 0 ? lo : Float.floatToRawIntBits(-FloatExp.LO);
            int filled = 0;
            for (long b = 0; b <= top; b += 61) {
                x[filled++] = Float.intBitsToFloat((int) b | (sign << 31));
                if (filled == x.length || b + 61 > top) {
                    k.expShifted(x, 0, filled, 0f, out, 0);
                    for (int i = 0; i < filled; i++) {
                        if (Float.floatToIntBits(out[i]) != Float.floatToIntBits(FloatExp.exp(x[i]))) {
                            assertThat(out[i]).as("exp(%s) against the scalar form", x[i])
                                    .isEqualTo(FloatExp.exp(x[i]));
                        }
                        int u = ulps(out[i], (float) Math.exp(x[i]));
                        if (u > worst) {
                            worst = u;
                            assertThat(u).as("exp(%s) = %s, Math.exp %s", x[i], out[i], Math.exp(x[i]))
                                    .isLessThanOrEqualTo(1);
                        }
                    }
                    filled = 0;
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void theExponentialHandlesTheEdges() {
        float[] x = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, 0f, -0f, 1f, -1f,
            88.72283f, 88.72284f, 89f, 1000f, Float.MAX_VALUE, -87.33654f, -87.4f, -100f, -103.97f, -103.98f,
            -1000f, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (ExpKernel k : new ExpKernel[] {ExpKernel.get(), ExpKernel.plain()}) {
            // twice over, so that the vector kernel sees each value in a full block and in the tail
            float[] in = new float[2 * x.length];
            System.arraycopy(x, 0, in, 0, x.length);
            System.arraycopy(x, 0, in, x.length, x.length);
            float[] out = new float[in.length];
            k.expShifted(in, 0, in.length, 0f, out, 0);
            for (int i = 0; i < in.length; i++) {
                float want = (float) Math.exp(in[i]);
                String what = k.getClass().getSimpleName() + " exp(" + in[i] + ")";
                if (Float.isNaN(want) || Float.isInfinite(want) || want == 0f || want == 1f) {
                    assertThat(Float.floatToIntBits(out[i])).as(what + " = " + out[i])
                            .isEqualTo(Float.floatToIntBits(want));
                } else {
                    assertThat(ulps(out[i], want)).as(what + " = " + out[i] + " vs " + want).isLessThanOrEqualTo(1);
                }
            }
            assertThat(Float.floatToRawIntBits(out[0])).as("exp(-inf) is +0").isZero();
        }
    }

    @Test
    void theFirstCallsAndTheWarmedUpCallsGiveTheSameBits() {
        // inputs of the kind the engine sees (logits, scores), whole blocks and a tail
        SplittableRandom rng = new SplittableRandom(9);
        Row row = Row.random(rng, 45);
        ExpKernel k = ExpKernel.get();
        Result first = Result.of(k, row);
        Result warm = null;
        // enough calls for C2 to compile the kernel and its loops (10,000 invocations by default)
        for (int i = 0; i < 30_000; i++) {
            warm = Result.of(k, row);
        }
        warm.assertSameBits(first, "after warm-up");
        warm.assertSameBits(Result.of(ExpKernel.plain(), row), "after warm-up against the plain loops");
    }

    static int ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Integer.MAX_VALUE;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.abs((long) Float.floatToIntBits(a) - Float.floatToIntBits(b)));
    }

    /** A row at an offset with its mask. */
    private record Row(float[] x, float[] mask, int off, int n) {
        static Row random(SplittableRandom rng, int n) {
            int off = 3;
            float[] x = new float[off + n + 2];
            float[] mask = new float[off + n + 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextDouble(-30, 30);
                mask[i] = rng.nextInt(4) == 0 ? 0f : 1f;
            }
            return new Row(x, mask, off, n);
        }
    }

    /** Everything a kernel computes on a row. */
    private record Result(float max, float maxMasked, double sum, double sumMasked, float[] out, float[] outMasked) {
        static Result of(ExpKernel k, Row r) {
            float m = k.max(r.x, r.off, r.n);
            float mm = k.maxMasked(r.x, r.off, r.n, r.mask, r.off - 1);
            float[] out = new float[r.n + 1];
            float[] outMasked = new float[r.n + 1];
            double s = k.expShifted(r.x, r.off, r.n, m, out, 1);
            double sm = k.expShiftedMasked(r.x, r.off, r.n, mm, r.mask, r.off - 1, outMasked, 1);
            return new Result(m, mm, s, sm, out, outMasked);
        }

        void assertSameBits(Result o, String what) {
            assertThat(Float.floatToIntBits(max)).as("max, %s", what).isEqualTo(Float.floatToIntBits(o.max));
            assertThat(Float.floatToIntBits(maxMasked)).as("masked max, %s", what)
                    .isEqualTo(Float.floatToIntBits(o.maxMasked));
            assertThat(Double.doubleToLongBits(sum)).as("sum %s vs %s, %s", sum, o.sum, what)
                    .isEqualTo(Double.doubleToLongBits(o.sum));
            assertThat(Double.doubleToLongBits(sumMasked)).as("masked sum %s vs %s, %s", sumMasked, o.sumMasked, what)
                    .isEqualTo(Double.doubleToLongBits(o.sumMasked));
            for (int i = 0; i < out.length; i++) {
                assertThat(Float.floatToIntBits(out[i])).as("exp %d: %s vs %s, %s", i, out[i], o.out[i], what)
                        .isEqualTo(Float.floatToIntBits(o.out[i]));
                assertThat(Float.floatToIntBits(outMasked[i])).as("masked exp %d, %s", i, what)
                        .isEqualTo(Float.floatToIntBits(o.outMasked[i]));
            }
        }
    }
}
