package org.attn4j.core.engine;

import org.attn4j.core.internal.array.FastMath;
import org.attn4j.core.internal.array.Broadcast;
import org.attn4j.core.internal.array.Parallel;
import org.attn4j.core.internal.array.Shapes;
import org.attn4j.core.internal.kernel.ReluKernel;

/** Element-wise ops: broadcasting arithmetic and the unary activations, forward beside backward. */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    /** The unary functions, with their derivative written in terms of input x and output y. */
    enum Fn {
        TANH, SIGMOID, RELU, GELU, EXP, LOG, SQRT, SIN, COS
    }

    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final ReluKernel RELU_KERNEL = ReluKernel.get();
    /** Rough cost of one transcendental element, in units of a simple loop step, for {@link Parallel}. */
    private static final int COST = 8;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    static EagerTensor binary(EagerOps ops, int op, EagerTensor a, EagerTensor b) {
        String name = switch (op) {
            case Broadcast.ADD -> "add";
            case Broadcast.SUB -> "sub";
            case Broadcast.MUL -> "mul";
            default -> "div";
        };
        int[] os = Shapes.broadcast(name, a.shape, b.shape);
        float[] out = new float[Shapes.size(os)];
        Broadcast.binary(op, a.data(), a.shape, b.data(), b.shape, out, os);
        return ops.result(out, os, g -> {
            float[] ga = op == Broadcast.ADD || op == Broadcast.SUB ? null : a.gradBuffer();
            float[] gb = op == Broadcast.ADD ? null : b.gradBuffer();
            switch (op) {
                case Broadcast.ADD -> {
                    // the gradient of a same-shaped operand is g itself: hand the array over
                    boolean given = a.adoptGrad(g);
                    if (!given) {
                        reduce(g, os, a.gradBuffer(), a.shape);
                    }
                    if (given || b == a || !b.adoptGrad(g)) {
                        reduce(g, os, b.gradBuffer(), b.shape);
                    }
                }
                case Broadcast.SUB -> {
                    if (gb != null) {
                        reduce(negate(g), os, gb, b.shape);
                    }
                    if (!a.adoptGrad(g)) {
                        reduce(g, os, a.gradBuffer(), a.shape);
                    }
                }
                case Broadcast.MUL -> {
                    if (ga != null) {
                        reduce(times(g, os, b.data(), b.shape), os, ga, a.shape);
                    }
                    if (gb != null) {
                        reduce(times(g, os, a.data(), a.shape), os, gb, b.shape);
                    }
                }
                default -> {
                    // d(a/b)/da = 1/b; d(a/b)/db = -a/b^2 = -out/b
                    if (ga != null) {
                        float[] t = new float[g.length];
                        Broadcast.binary(Broadcast.DIV, g, os, b.data(), b.shape, t, os);
                        reduce(t, os, ga, a.shape);
                    }
                    if (gb != null) {
                        float[] t = new float[g.length];
                        for (int i = 0; i < t.length; i++) {
                            t[i] = -g[i] * out[i];
                        }
                        Broadcast.binary(Broadcast.DIV, t, os, b.data(), b.shape, t, os);
                        reduce(t, os, gb, b.shape);
                    }
                }
            }
        }, a, b);
    }

    private static void reduce(float[] g, int[] os, float[] dst, int[] ds) {
        if (dst != null) {
            Broadcast.reduceInto(g, os, dst, ds);
        }
    }

    private static float[] negate(float[] g) {
        float[] t = new float[g.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = -g[i];
        }
        return t;
    }

    private static float[] times(float[] g, int[] os, float[] other, int[] otherShape) {
        float[] t = new float[g.length];
        Broadcast.binary(Broadcast.MUL, g, os, other, otherShape, t, os);
        return t;
    }

    static EagerTensor scale(EagerOps ops, EagerTensor x, float s) {
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = in[i] * s;
        }
        return ops.result(out, x.shape, g -> {
            if (x.grad == null) {
                // the output gradient is dead after this backward: scale it in place and hand it over
                for (int i = 0; i < g.length; i++) {
                    g[i] *= s;
                }
                if (x.adoptGrad(g)) {
                    return;
                }
                float[] gx = x.gradBuffer();
                for (int i = 0; i < g.length; i++) {
                    gx[i] += g[i];
                }
                return;
            }
            float[] gx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                gx[i] += g[i] * s;
            }
        }, x);
    }

    static EagerTensor unary(EagerOps ops, Fn fn, EagerTensor x) {
        if (fn == Fn.RELU) {
            return relu(ops, x);
        }
        float[] in = x.data();
        float[] y = new float[in.length];
        Parallel.range(y.length, COST, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = forward(fn, in[i]);
            }
        });
        return ops.result(y, x.shape, g -> {
            float[] gx = x.gradBuffer();
            Parallel.range(g.length, COST, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gx[i] += g[i] * derivative(fn, in[i], y[i]);
                }
            });
        }, x);
    }

    /**
     * ReLU through {@link ReluKernel} (no per-element dispatch, no branch); the backward masks the output
     * gradient in place and hands it to the input when that has no gradient yet.
     */
    private static EagerTensor relu(EagerOps ops, EagerTensor x) {
        float[] in = x.data();
        float[] y = new float[in.length];
        Parallel.range(y.length, 1, (from, to) -> RELU_KERNEL.forward(in, y, from, to));
        return ops.result(y, x.shape, g -> {
            if (x.grad == null) {
                Parallel.range(g.length, 1, (from, to) -> RELU_KERNEL.maskInPlace(in, g, from, to));
                if (x.adoptGrad(g)) {
                    return;
                }
                float[] gx = x.gradBuffer();
                for (int i = 0; i < g.length; i++) {
                    gx[i] += g[i];
                }
                return;
            }
            float[] gx = x.gradBuffer();
            Parallel.range(g.length, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (in[i] > 0) {
                        gx[i] += g[i];
                    }
                }
            });
        }, x);
    }

    private static float forward(Fn fn, float x) {
        return switch (fn) {
            case TANH -> (float) FastMath.tanh(x);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
            case RELU -> x > 0 ? x : 0f;
            case GELU -> (float) (0.5 * x * (1 + Erf.erf(x * INV_SQRT_2)));
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
        };
    }

    private static float derivative(Fn fn, float x, float y) {
        return switch (fn) {
            case TANH -> 1 - y * y;
            case SIGMOID -> y * (1 - y);
            case RELU -> x > 0 ? 1f : 0f;
            // d/dx x Φ(x) = Φ(x) + x φ(x)
            case GELU -> (float) (0.5 * (1 + Erf.erf(x * INV_SQRT_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
            case EXP -> y;
            case LOG -> 1 / x;
            case SQRT -> 0.5f / y;
            case SIN -> (float) Math.cos(x);
            case COS -> (float) -Math.sin(x);
        };
    }
}
