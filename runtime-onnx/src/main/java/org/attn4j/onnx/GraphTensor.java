package org.attn4j.onnx;

import java.util.Arrays;
import org.attn4j.api.DType;
import org.attn4j.api.Tensor;

/**
 * A symbolic tensor of the graph builder: the name of an ONNX value, its element type and its
 * static shape ({@code -1} where a dimension is known only at run time). Immutable; valid only
 * with the {@link GraphOps} that made it.
 */
final class GraphTensor implements Tensor {
    private final String name;
    private final DType dtype;
    private final int[] shape;

    GraphTensor(String name, DType dtype, int[] shape) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
    }

    String name() {
        return name;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape);
    }
}
