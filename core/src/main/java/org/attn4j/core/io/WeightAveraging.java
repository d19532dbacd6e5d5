package org.attn4j.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;

/**
 * Checkpoint averaging: the element-wise mean of several weight files of one model, the usual
 * last step of Transformer training (the mean of the last few checkpoints generalises better
 * than any one of them).
 *
 * <p>Every input must hold the same tensor names with the same shapes, all F32; the first input
 * fixes the names and their order. Each file's checksum is verified before anything is written.
 * Sums are taken in double precision in the order the inputs are given, then divided and
 * rounded to float once, so the result does not depend on the core count. One tensor is held
 * in memory at a time (plus its double-precision sum).
 *
 * <pre>{@code
 * WeightAveraging.average(List.of(ckpt17, ckpt18, best), modelDir.resolve("weights.safetensors"));
 * }</pre>
 */
public final class WeightAveraging {
    /** Output metadata key: the averaged inputs, comma-separated, as given. */
    public static final String AVERAGED_METADATA = "attn4j.averaged";

    private WeightAveraging() {
    }

    /**
     * Writes the mean of {@code inputs} to {@code out}, atomically.
     *
     * @param inputs two or more weight files, or checkpoint directories holding {@code weights.safetensors}
     * @param out the file to write; replaced only once the mean is complete
     * @return the number of tensors written
     * @throws ModelFormatException naming the file and tensor when the inputs do not match, or a
     *     file is damaged
     * @throws IllegalArgumentException for fewer than two inputs
     */
    public static int average(List<Path> inputs, Path out) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("averaging needs at least two checkpoints, got " + inputs.size());
        }
        List<Path> files = inputs.stream().map(Checkpoint::weightsFile).toList();
        List<SafeTensorsReader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                readers.add(SafeTensors.open(f));
            }
            Map<String, TensorInfo> reference = readers.get(0).tensors();
            for (SafeTensorsReader r : readers) {
                checkSameTensors(readers.get(0), r);
                r.verifyChecksum();
            }
            Map<String, TensorEntry> mean = new LinkedHashMap<>();
            for (TensorInfo t : reference.values()) {
                mean.put(t.name(), new TensorEntry.F32(intShape(t), meanOf(readers, t.name())));
            }
            String sources = String.join(",", inputs.stream().map(Path::toString).toList());
            SafeTensors.write(out, mean, Map.of(AVERAGED_METADATA, sources));
            return mean.size();
        } finally {
            for (SafeTensorsReader r : readers) {
                r.close();
            }
        }
    }

    private static float[] meanOf(List<SafeTensorsReader> readers, String name) {
        double[] sum = null;
        for (SafeTensorsReader r : readers) {
            float[] v = r.readFloats(name);
            if (sum == null) {
                sum = new double[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        float[] mean = new float[sum.length];
        double n = readers.size();
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / n);
        }
        return mean;
    }

    /** Throws naming {@code other}'s file and the first tensor that is missing, extra or different. */
    private static void checkSameTensors(SafeTensorsReader first, SafeTensorsReader other) {
        Map<String, TensorInfo> want = first.tensors();
        Map<String, TensorInfo> have = other.tensors();
        for (TensorInfo t : want.values()) {
            TensorInfo o = have.get(t.name());
            if (o == null) {
                throw new ModelFormatException(other.file() + ": tensor '" + t.name() + "' is missing; " + first.file()
                        + " has it with shape " + t.shapeString());
            }
            if (o.dtype() != SafeTensorsDType.F32) {
                throw new ModelFormatException(other.file() + ": tensor '" + t.name() + "' has dtype " + o.dtype()
                        + "; only F32 weights can be averaged");
            }
            if (!Arrays.equals(o.shape(), t.shape())) {
                throw new ModelFormatException(other.file() + ": tensor '" + t.name() + "' has shape " + o.shapeString()
                        + ", " + first.file() + " has " + t.shapeString() + ": not checkpoints of one model");
            }
        }
        for (String name : have.keySet()) {
            if (!want.containsKey(name)) {
                throw new ModelFormatException(other.file() + ": unexpected tensor '" + name + "' that " + first.file()
                        + " does not have: not checkpoints of one model");
            }
        }
    }

    private static int[] intShape(TensorInfo t) {
        int[] s = new int[t.shape().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(t.shape()[i]);
        }
        return s;
    }
}
