package org.attn4j.core.io;

import org.attn4j.api.DType;

/**
 * The element types of the safetensors format, under the names its header uses, with their
 * sizes in bytes. attn4j writes and reads the values of {@link #F32} and {@link #I64} tensors;
 * headers listing the others are still validated (offsets, sizes), so a file from another tool
 * is checked completely before an unsupported tensor is reported by name. Sub-byte types (such
 * as {@code F4}) are not known and rejected as unknown.
 */
public enum SafeTensorsDType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), F8_E8M0(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4),
    F32(4), F64(8), I64(8), U64(8), C64(8);

    private final int byteSize;

    SafeTensorsDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The type named {@code name} in a header, or {@code null} if there is none. */
    public static SafeTensorsDType byName(String name) {
        for (SafeTensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The safetensors type that holds an attn4j {@link DType}. */
    public static SafeTensorsDType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case INT64 -> I64;
        };
    }
}
