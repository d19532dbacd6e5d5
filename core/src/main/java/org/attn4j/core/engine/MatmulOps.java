package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.SmallGemm;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;

/** Matrix products through the {@link Gemm} kernel: ONNX MatMul and the fused affine map. */
final class MatmulOps {
    private MatmulOps() {
    }

    /**
     * {@code [..., M, K] x [..., K, N]}, batch dimensions broadcast. A right operand of rank 2
     * (weights) is shared by all batches, so the left one is treated as one tall [B*M, K] matrix:
     * a single large GEMM instead of many small ones.
     */
    static EagerTensor matmul(EagerOps ops, EagerTensor a, EagerTensor b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException("matmul: operands need rank >= 2, got " + Shapes.str(a.shape) + " and "
                    + Shapes.str(b.shape));
        }
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        if (b.dim(-2) != k) {
            throw new ShapeException("matmul: inner dimensions differ: " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape));
        }
        Gemm gemm = Kernels.gemm();
        if (b.rank() == 2) {
            int rows = a.data.length / k;
            int[] os = a.shape.clone();
            os[os.length - 1] = n;
            float[] out = new float[rows * n];
            gemm.sgemm(false, false, rows, n, k, 1f, a.data, 0, k, b.data, 0, n, 0f, out, 0, n);
            return ops.result(out, os, g -> {
                float[] ga = a.gradBuffer();
                float[] gb = b.gradBuffer();
                if (ga != null) {
                    gemm.sgemm(false, true, rows, k, n, 1f, g, 0, n, b.data, 0, n, 1f, ga, 0, k);
                }
                if (gb != null) {
                    gemm.sgemm(true, false, k, n, rows, 1f, a.data, 0, k, g, 0, n, 1f, gb, 0, n);
                }
            }, a, b);
        }
        int[] ab = Arrays.copyOf(a.shape, a.rank() - 2);
        int[] bb = Arrays.copyOf(b.shape, b.rank() - 2);
        int[] batch = Shapes.broadcast("matmul", ab, bb);
        int nb = Shapes.size(batch);
        int[] aOff = org.attn4j.core.internal.array.Broadcast.offsets(ab, batch);
        int[] bOff = org.attn4j.core.internal.array.Broadcast.offsets(bb, batch);
        int[] os = Arrays.copyOf(batch, batch.length + 2);
        os[batch.length] = m;
        os[batch.length + 1] = n;
        float[] out = new float[nb * m * n];
        SmallGemm small = SmallGemm.vector();
        if (small != null && (long) m * n * k <= SmallGemm.MAX_WORK) {
            return smallBatches(ops, small, a, b, os, nb, m, n, k, aOff, bOff, out,
                    Shapes.size(ab) == nb && Shapes.size(bb) == nb);
        }
        for (int i = 0; i < nb; i++) {
            gemm.sgemm(false, false, m, n, k, 1f, a.data, aOff[i] * m * k, k, b.data, bOff[i] * k * n, n, 0f,
                    out, i * m * n, n);
        }
        return ops.result(out, os, g -> {
            float[] ga = a.gradBuffer();
            float[] gb = b.gradBuffer();
            for (int i = 0; i < nb; i++) {
                if (ga != null) {
                    gemm.sgemm(false, true, m, k, n, 1f, g, i * m * n, n, b.data, bOff[i] * k * n, n, 1f,
                            ga, aOff[i] * m * k, k);
                }
                if (gb != null) {
                    gemm.sgemm(true, false, k, n, m, 1f, a.data, aOff[i] * m * k, k, g, i * m * n, n, 1f,
                            gb, bOff[i] * k * n, n);
                }
            }
        }, a, b);
    }

    /**
     * Many small products (attention scores and contexts) through {@link SmallGemm}, the batch
     * split over the cores. The backward splits the batch too when no operand is broadcast over
     * it ({@code disjoint}), so that no two batches add into the same gradient block.
     */
    private static EagerTensor smallBatches(EagerOps ops, SmallGemm small, EagerTensor a, EagerTensor b, int[] os, int nb,
            int m, int n, int k, int[] aOff, int[] bOff, float[] out, boolean disjoint) {
        int work = m * n * k;
        Parallel.range(nb, work, (from, to) -> {
            for (int i = from; i < to; i++) {
                small.nn(m, n, k, a.data, aOff[i] * m * k, b.data, bOff[i] * k * n, out, i * m * n);
            }
        });
        return ops.result(out, os, g -> {
            float[] ga = a.gradBuffer();
            float[] gb = b.gradBuffer();
            Parallel.Range body = (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (ga != null) {
                        small.nt(m, k, n, g, i * m * n, b.data, bOff[i] * k * n, ga, aOff[i] * m * k);
                    }
                    if (gb != null) {
                        small.tn(k, n, m, a.data, aOff[i] * m * k, g, i * m * n, gb, bOff[i] * k * n);
                    }
                }
            };
            if (disjoint) {
                Parallel.range(nb, 2 * work, body);
            } else {
                body.run(0, nb);
            }
        }, a, b);
    }

    /** {@code x W^T + b}: x [..., in], W [out, in], b [out] or null. */
    static EagerTensor linear(EagerOps ops, EagerTensor x, EagerTensor w, EagerTensor bias) {
        if (w.rank() != 2 || x.rank() < 1 || x.dim(-1) != w.shape[1]) {
            throw new ShapeException("linear: input " + Shapes.str(x.shape) + " does not fit weight "
                    + Shapes.str(w.shape) + " (expected [..., " + (w.rank() == 2 ? w.shape[1] : "in") + "] and [out, in])");
        }
        int in = w.shape[1];
        int outF = w.shape[0];
        if (bias != null && (bias.rank() != 1 || bias.shape[0] != outF)) {
            throw new ShapeException("linear: bias " + Shapes.str(bias.shape) + " does not fit weight " + Shapes.str(w.shape));
        }
        int rows = x.data.length / in;
        int[] os = x.shape.clone();
        os[os.length - 1] = outF;
        float[] out = new float[rows * outF];
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias.data, 0, out, r * outF, outF);
            }
        }
        Gemm gemm = Kernels.gemm();
        gemm.sgemm(false, true, rows, outF, in, 1f, x.data, 0, in, w.data, 0, in, bias != null ? 1f : 0f, out, 0, outF);
        return ops.result(out, os, g -> {
            float[] gx = x.gradBuffer();
            float[] gw = w.gradBuffer();
            float[] gbias = bias == null ? null : bias.gradBuffer();
            if (gx != null) {
                gemm.sgemm(false, false, rows, in, outF, 1f, g, 0, outF, w.data, 0, in, 1f, gx, 0, in);
            }
            if (gw != null) {
                gemm.sgemm(true, false, outF, in, rows, 1f, g, 0, outF, x.data, 0, in, 1f, gw, 0, in);
            }
            if (gbias != null) {
                for (int r = 0; r < rows; r++) {
                    int base = r * outF;
                    for (int j = 0; j < outF; j++) {
                        gbias[j] += g[base + j];
                    }
                }
            }
        }, x, w, bias);
    }
}
