package org.attn4j.transformer;

import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.nn.Linear;

/**
 * The position-wise feed-forward network of a Transformer layer:
 * {@code FFN(x) = act(x W1^T + b1) W2^T + b2}, act ReLU, GELU or swish.
 * Shapes: x and the result {@code [..., D]}; {@code W1 [F, D]}, {@code W2 [D, F]}.
 */
final class FeedForward extends Module {
    private final Linear inner;
    private final Linear outer;
    private final TransformerSettings.Activation activation;

    FeedForward(int dModel, int ffnDim, TransformerSettings.Activation activation, RandomGenerator rng) {
        this.inner = addModule("linear1", new Linear(dModel, ffnDim, rng));
        this.outer = addModule("linear2", new Linear(ffnDim, dModel, rng));
        this.activation = activation;
    }

    Tensor forward(Ops ops, Tensor x) {
        Tensor h = inner.forward(ops, x);
        h = switch (activation) {
            case GELU -> ops.gelu(h);
            case SWISH -> ops.mul(h, ops.sigmoid(h));
            case RELU -> ops.relu(h);
        };
        return outer.forward(ops, h);
    }
}
