package org.attn4j.core.engine;

/**
 * The backward half of an op: given the gradient of the loss with respect to the op's output,
 * adds the gradients with respect to its inputs into their buffers
 * ({@link EagerTensor#gradBuffer()}, null for inputs that need none).
 */
@FunctionalInterface
interface Backward {
    void apply(float[] gradOut);
}
