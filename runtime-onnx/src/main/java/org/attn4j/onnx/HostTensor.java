package org.attn4j.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor of decoder state kept between steps in a direct buffer (native byte order), so that
 * ONNX Runtime reads it in place: {@link #wrap} makes no copy. Holds no native ORT handle, so a
 * state that a search drops needs no closing; the buffer goes with the garbage collector.
 * Immutable once made; FLOAT or INT64.
 */
final class HostTensor {
    private final OnnxJavaType type;
    private final long[] shape;
    private final ByteBuffer data;

    private HostTensor(OnnxJavaType type, long[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /** A copy of an ORT tensor (an output that is about to be closed). */
    static HostTensor copyOf(OnnxTensor t) {
        TensorInfo info = t.getInfo();
        long[] shape = info.getShape();
        int n = Math.toIntExact(info.getNumElements());
        ByteBuffer buf;
        if (info.type == OnnxJavaType.FLOAT) {
            buf = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            buf.asFloatBuffer().put(t.getFloatBuffer());
        } else if (info.type == OnnxJavaType.INT64) {
            buf = ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder());
            buf.asLongBuffer().put(t.getLongBuffer());
        } else {
            throw new IllegalStateException("decoder state of type " + info.type + " is not supported (FLOAT or INT64)");
        }
        return new HostTensor(info.type, shape, buf);
    }

    /** INT64 ids of the given shape. */
    static HostTensor ofIds(long[] ids, long... shape) {
        ByteBuffer buf = ByteBuffer.allocateDirect(ids.length * Long.BYTES).order(ByteOrder.nativeOrder());
        buf.asLongBuffer().put(ids);
        return new HostTensor(OnnxJavaType.INT64, shape, buf);
    }

    /** An ORT tensor over this buffer, without a copy; close it after the run (the buffer stays). */
    OnnxTensor wrap(OrtEnvironment env) throws OrtException {
        return type == OnnxJavaType.FLOAT ? OnnxTensor.createTensor(env, data.asFloatBuffer(), shape)
                : OnnxTensor.createTensor(env, data.asLongBuffer(), shape);
    }

    /** Rows {@code rows[i]} of axis 0, in that order (repeats allowed): a new tensor. */
    HostTensor rows(int[] rows) {
        int bytes = data.capacity();
        int rowBytes = shape[0] == 0 ? 0 : (int) (bytes / shape[0]);
        ByteBuffer out = ByteBuffer.allocateDirect(rows.length * rowBytes).order(ByteOrder.nativeOrder());
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= shape[0]) {
                throw new IndexOutOfBoundsException("row " + rows[i] + " of a state with " + shape[0] + " rows");
            }
            out.put(i * rowBytes, data, rows[i] * rowBytes, rowBytes);
        }
        long[] s = shape.clone();
        s[0] = rows.length;
        return new HostTensor(type, s, out);
    }

    long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
