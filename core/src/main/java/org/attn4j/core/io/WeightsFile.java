package org.attn4j.core.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Parameter;

/** A model's parameters as a safetensors file: tensor names are {@code Module.namedParameters()} names. */
final class WeightsFile {
    private WeightsFile() {
    }

    /** The parameters as F32 entries that share the parameters' arrays (nothing is copied). */
    static Map<String, TensorEntry> entries(Map<String, Parameter> params) {
        Map<String, TensorEntry> out = new LinkedHashMap<>();
        params.forEach((name, p) -> out.put(name, new TensorEntry.F32(p.shape(), p.data())));
        return out;
    }

    /**
     * Checks that the file holds exactly the model's parameters, with their shapes, as F32; throws
     * naming the first parameter (in model order) that is missing or differs, then the first
     * tensor (in file order) the model does not have.
     */
    static void check(SafeTensorsReader r, Map<String, Parameter> params) {
        Map<String, TensorInfo> tensors = r.tensors();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String name = e.getKey();
            int[] shape = e.getValue().shape();
            TensorInfo t = tensors.get(name);
            if (t == null) {
                throw new ModelFormatException(r.file() + ": tensor '" + name + "' is missing; the model expects it with shape "
                        + Arrays.toString(shape) + " (" + tensors.size() + " tensors in the file, the model has "
                        + params.size() + " parameters)");
            }
            if (t.dtype() != SafeTensorsDType.F32) {
                throw new ModelFormatException(r.file() + ": tensor '" + name + "' has dtype " + t.dtype()
                        + ", the model expects F32");
            }
            if (!t.hasShape(shape)) {
                throw new ModelFormatException(r.file() + ": tensor '" + name + "' has shape " + t.shapeString()
                        + ", the model expects " + Arrays.toString(shape));
            }
        }
        List<String> extra = new ArrayList<>(tensors.keySet());
        extra.removeAll(params.keySet());
        if (!extra.isEmpty()) {
            TensorInfo t = tensors.get(extra.get(0));
            throw new ModelFormatException(r.file() + ": unexpected tensor '" + t.name() + "' of shape " + t.shapeString()
                    + ": the model has no parameter of that name (" + extra.size() + " such tensors)");
        }
    }

    /** Reads every parameter's values from the file; call {@link #check} first. */
    static void load(SafeTensorsReader r, Map<String, Parameter> params) {
        params.forEach((name, p) -> r.readFloats(name, p.data()));
    }
}
