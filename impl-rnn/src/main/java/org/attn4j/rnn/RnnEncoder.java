package org.attn4j.rnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.RnnOutput;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.nn.Embedding;

/**
 * Embedding followed by a stack of GRU or LSTM layers, optionally bidirectional, with dropout on
 * the embeddings and between layers.
 *
 * <p>Dimensions: V source vocabulary, E embedding, H hidden, L layers, dirs 1 or 2. Shapes: ids
 * INT64 {@code [B, S]}, mask {@code [B, S]}; memory {@code [B, S, dirs*H]} (zero at padding);
 * finals {@code h} {@code [B, dirs*H]}, the last layer's state at each sequence's last real step
 * (the reverse direction's at its first), and for LSTM {@code c} likewise.
 */
public final class RnnEncoder extends Module implements Encoder {
    private final Embedding embedding;
    private final List<RecurrentLayer> layers = new ArrayList<>();
    private final float dropout;
    private final int outputDim;

    public RnnEncoder(int vocabulary, int embeddingDim, Cell cell, int hidden, int layerCount, boolean bidirectional,
            float dropout, RandomGenerator rng) {
        embedding = addModule("embedding", new Embedding(vocabulary, embeddingDim, rng));
        int in = embeddingDim;
        for (int l = 0; l < layerCount; l++) {
            RecurrentLayer layer = addModule("rnn" + l, new RecurrentLayer(cell, in, hidden, bidirectional, rng));
            layers.add(layer);
            in = layer.directions() * hidden;
        }
        this.dropout = dropout;
        this.outputDim = in;
    }

    @Override
    public EncoderOutput encode(Ops ops, Tensor sourceIds, Tensor sourceMask) {
        Tensor lengths = ops.toIds(ops.sum(sourceMask, false, 1));
        Tensor x = ops.dropout(embedding.forward(ops, sourceIds), dropout);
        RnnOutput out = null;
        for (int l = 0; l < layers.size(); l++) {
            out = layers.get(l).forward(ops, x, lengths, null, null);
            x = ops.reshape(out.y(), 0, 0, -1);
            if (l + 1 < layers.size()) {
                x = ops.dropout(x, dropout);
            }
        }
        Map<String, Tensor> finals = new LinkedHashMap<>();
        finals.put("h", batchFirst(ops, out.hLast()));
        if (out.cLast() != null) {
            finals.put("c", batchFirst(ops, out.cLast()));
        }
        return new EncoderOutput(x, sourceMask, finals);
    }

    /** {@code [dirs, B, H]} to {@code [B, dirs*H]}: forward and backward states side by side. */
    private static Tensor batchFirst(Ops ops, Tensor state) {
        return ops.reshape(ops.transpose(state, 1, 0, 2), 0, -1);
    }

    @Override
    public int outputDim() {
        return outputDim;
    }
}
