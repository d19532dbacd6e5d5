package org.attn4j.core.engine;

import java.util.Arrays;
import org.attn4j.api.ShapeException;
import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.ColumnSumKernel;
import org.attn4j.core.internal.kernel.FrozenWeights;
import org.attn4j.core.internal.kernel.Gemm;
import org.attn4j.core.internal.kernel.Kernels;
import org.attn4j.core.internal.kernel.SmallGemm;

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
            int rows = a.data().length / k;
            int[] os = a.shape.clone();
            os[os.length - 1] = n;
            float[] out = new float[rows * n];
            gemm.sgemm(false, false, rows, n, k, 1f, a.data(), 0, k, b.data(), 0, n, 0f, out, 0, n);
            return ops.result(out, os, g -> {
                float[] ga = a.gradBuffer();
                float[] gb = b.gradBuffer();
                if (ga != null) {
                    gemm.sgemm(false, true, rows, k, n, 1f, g, 0, n, b.data(), 0, n, 1f, ga, 0, k);
                }
                if (gb != null) {
                    gemm.sgemm(true, false, k, n, rows, 1f, a.data(), 0, k, g, 0, n, 1f, gb, 0, n);
                }
            }, a, b);
        }
        int[] ab = Arrays.copyOf(a.shape, a.rank() - 2);
        int[] bb = Arrays.copyOf(b.shape, b.rank() - 2);
        int[] batch = Shapes.broadcast("matmul", ab, bb);
        int nb = Shapes.size(batch);
        int[] aOff = Broadcast.offsets(ab, batch);
        int[] bOff = Broadcast.offsets(bb, batch);
        int[] os = Arrays.copyOf(batch, batch.length + 2);
        os[batch.length] = m;
        os[batch.length + 1] = n;
        float[] out = new float[nb * m * n];
        SmallGemm small = SmallGemm.vector();
        if (small != null && (long) m * n * k <= SmallGemm.MAX_WORK && inPlace(a) && inPlace(b)) {
            return smallBatches(ops, small, a, b, os, batch, nb, m, n, k, out,
                    Shapes.size(ab) == nb && Shapes.size(bb) == nb);
        }
        for (int i = 0; i < nb; i++) {
            gemm.sgemm(false, false, m, n, k, 1f, a.data(), aOff[i] * m * k, k, b.data(), bOff[i] * k * n, n, 0f,
                    out, i * m * n, n);
        }
        return ops.result(out, os, g -> {
            float[] ga = a.gradBuffer();
            float[] gb = b.gradBuffer();
            for (int i = 0; i < nb; i++) {
                if (ga != null) {
                    gemm.sgemm(false, true, m, k, n, 1f, g, i * m * n, n, b.data(), bOff[i] * k * n, n, 1f,
                            ga, aOff[i] * m * k, k);
                }
                if (gb != null) {
                    gemm.sgemm(true, false, k, n, m, 1f, a.data(), aOff[i] * m * k, k, g, i * m * n, n, 1f,
                            gb, bOff[i] * k * n, n);
                }
            }
        }, a, b);
    }

    /**
     * Whether the small-product kernel can read (and write the gradient of) {@code t} where it
     * lies: a dense tensor, or a transposed view whose matrices have a unit stride along one of
     * their two axes (splitting attention heads gives such views).
     */
    private static boolean inPlace(EagerTensor t) {
        if (t.viewOf == null) {
            return true;
        }
        int r = t.rank();
        return t.viewStrides[r - 1] == 1 || t.viewStrides[r - 2] == 1 || t.shape[r - 1] == 1 || t.shape[r - 2] == 1;
    }

    /**
     * One operand of {@link #smallBatches} where it lies: the tensor owning the array (a view's
     * source), the start of each batch's matrix in it and the matrices' row and column strides.
     */
    private record Operand(EagerTensor owner, float[] values, int[] starts, int rowStride, int colStride) {
        static Operand of(EagerTensor t, int[] batch) {
            int r = t.rank();
            EagerTensor owner = t.viewOf != null ? t.viewOf : t;
            int[] strides = t.viewOf != null ? t.viewStrides : Shapes.strides(t.shape);
            // the operand's batch axes aligned right with the broadcast batch, stride 0 where broadcast
            int[] bs = new int[batch.length];
            for (int d = 0; d < r - 2; d++) {
                bs[batch.length - (r - 2) + d] = t.shape[d] == 1 ? 0 : strides[d];
            }
            return new Operand(owner, owner.data(), Broadcast.walk(batch, bs), strides[r - 2], strides[r - 1]);
        }
    }

    /**
     * Many small products (attention scores and contexts) through {@link SmallGemm}, the batch
     * split over the cores. Transposed views (attention heads split from {@code [B, T, H, Dh]})
     * are read in place, never copied, and their gradients added straight into their source's
     * gradient, in its layout. The backward splits the batch too when no operand is broadcast
     * over it ({@code disjoint}), so that no two batches add into the same gradient block; when
     * both gradients land in one array (views of one source), they are two separate passes.
     */
    private static EagerTensor smallBatches(EagerOps ops, SmallGemm small, EagerTensor a, EagerTensor b, int[] os,
            int[] batch, int nb, int m, int n, int k, float[] out, boolean disjoint) {
        Operand pa = Operand.of(a, batch);
        Operand pb = Operand.of(b, batch);
        int work = m * n * k;
        Parallel.range(nb, work, (from, to) -> {
            for (int i = from; i < to; i++) {
                small.strided(m, n, k, pa.values, pa.starts[i], pa.rowStride, pa.colStride, pb.values, pb.starts[i],
                        pb.rowStride, pb.colStride, out, i * m * n, n, 1);
            }
        });
        return ops.result(out, os, g -> {
            float[] ga = a.requiresGrad ? pa.owner.gradBuffer() : null;
            float[] gb = b.requiresGrad ? pb.owner.gradBuffer() : null;
            // dA(i, p) += sum_j G(i, j) B(p, j);  dB(p, j) += sum_i A(i, p) G(i, j)
            Parallel.Range gradA = (from, to) -> {
                for (int i = from; i < to; i++) {
                    small.strided(m, k, n, g, i * m * n, n, 1, pb.values, pb.starts[i], pb.colStride, pb.rowStride,
                            ga, pa.starts[i], pa.rowStride, pa.colStride);
                }
            };
            Parallel.Range gradB = (from, to) -> {
                for (int i = from; i < to; i++) {
                    small.strided(k, n, m, pa.values, pa.starts[i], pa.colStride, pa.rowStride, g, i * m * n, n, 1,
                            gb, pb.starts[i], pb.rowStride, pb.colStride);
                }
            };
            if (!disjoint) {
                if (ga != null) {
                    gradA.run(0, nb);
                }
                if (gb != null) {
                    gradB.run(0, nb);
                }
            } else if (ga == null || gb == null || ga == gb) {
                if (ga != null) {
                    Parallel.range(nb, work, gradA);
                }
                if (gb != null) {
                    Parallel.range(nb, work, gradB);
                }
            } else {
                Parallel.range(nb, 2 * work, (from, to) -> {
                    gradA.run(from, to);
                    gradB.run(from, to);
                });
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
        int rows = x.data().length / in;
        int[] os = x.shape.clone();
        os[os.length - 1] = outF;
        float[] out = new float[rows * outF];
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias.data(), 0, out, r * outF, outF);
            }
        }
        Gemm gemm = Kernels.gemm();
        float[] wt = FrozenWeights.transposed(w.data(), outF, in, gemm);
        if (wt != null) {
            gemm.sgemm(false, false, rows, outF, in, 1f, x.data(), 0, in, wt, 0, outF, bias != null ? 1f : 0f, out, 0,
                    outF);
        } else {
            gemm.sgemm(false, true, rows, outF, in, 1f, x.data(), 0, in, w.data(), 0, in, bias != null ? 1f : 0f, out, 0,
                    outF);
        }
        return ops.result(out, os, g -> {
            float[] gx = x.gradBuffer();
            float[] gw = w.gradBuffer();
            float[] gbias = bias == null ? null : bias.gradBuffer();
            if (gx != null) {
                gemm.sgemm(false, false, rows, in, outF, 1f, g, 0, outF, w.data(), 0, in, 1f, gx, 0, in);
            }
            if (gw != null) {
                gemm.sgemm(true, false, outF, in, rows, 1f, g, 0, outF, x.data(), 0, in, 1f, gw, 0, in);
            }
            if (gbias != null) {
                ColumnSumKernel.get().addColumnSums(g, rows, outF, gbias);
            }
        }, x, w, bias);
    }
}
