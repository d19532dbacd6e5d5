package org.attn4j.api;

/**
 * An n-dimensional array as model code sees it: a handle with a type and a shape, created and
 * consumed only by {@link Ops}.
 *
 * <p>Model code never reads a tensor's values (DESIGN.md: it must also run under the ONNX graph
 * implementation, where a tensor is a symbol). The shape is static where known; a dimension that
 * is only known at run time (batch, sequence length in an exported graph) is {@code -1}.
 * Layout is row-major and batch-first: a batch of sequences of vectors is {@code [B, T, D]}.
 *
 * <p>Thread safety and ownership belong to the {@code Ops} that made the tensor: a tensor is
 * valid only with that {@code Ops} and is not shared between threads.
 */
public interface Tensor {

    /** The element type. */
    DType dtype();

    /** A copy of the shape; {@code -1} marks a dimension known only at run time. */
    int[] shape();

    /** Number of dimensions. */
    default int rank() {
        return shape().length;
    }

    /** Size of dimension {@code axis} (negative axes count from the end), or -1 if dynamic. */
    default int dim(int axis) {
        int[] s = shape();
        return s[axis < 0 ? s.length + axis : axis];
    }
}
