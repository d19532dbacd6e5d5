package org.attn4j.api;

/** Element types a {@link Tensor} can hold. */
public enum DType {
    /** 32-bit IEEE float: activations, parameters, masks (1 = may attend, 0 = padding). */
    FLOAT32,
    /** 64-bit signed integer: token ids, lengths, indices and shapes. */
    INT64
}
