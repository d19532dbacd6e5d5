package org.attn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Decoder;
import org.attn4j.api.model.DecoderState;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.model.StepOutput;
import org.attn4j.api.nn.Embedding;
import org.attn4j.api.nn.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decoder whose state grows by one position per step, as a Transformer's key/value cache
 * does: the step graph takes that state with a dynamic axis where the encoder's output had a
 * fixed size (1), and eager and ONNX Runtime logits still agree over several steps and a
 * reorder, through the cached step graph and through the uncached one (forward over the prefix).
 */
class GrowingStateExportTest {
    private static final int V = 13; // ExportParity feeds ids up to 12
    private static final int D = 4;

    /** Embedding then mean over the real source positions as the memory's summary. */
    static final class Enc extends Module implements Encoder {
        final Embedding emb;

        Enc(SplittableRandom rng) {
            emb = addModule("emb", new Embedding(V, D, rng));
        }

        @Override
        public EncoderOutput encode(Ops ops, Tensor ids, Tensor mask) {
            Tensor memory = ops.mul(emb.forward(ops, ids), ops.unsqueeze(mask, 2));
            return new EncoderOutput(memory, mask, Map.of());
        }

        @Override
        public int outputDim() {
            return D;
        }
    }

    /** Self-attention over a cache of every embedding fed so far, started with the memory's mean. */
    static final class Dec extends Module implements Decoder {
        final Embedding emb;
        final Linear out;

        Dec(SplittableRandom rng) {
            emb = addModule("emb", new Embedding(V, D, rng));
            out = addModule("out", new Linear(D, V, rng));
        }

        @Override
        public DecoderState initialState(Ops ops, EncoderOutput encoded) {
            return DecoderState.of(Map.of("cache", ops.unsqueeze(ops.mean(encoded.memory(), false, 1), 1)));
        }

        @Override
        public StepOutput step(Ops ops, DecoderState state, Tensor previous, boolean attention) {
            Tensor e = emb.forward(ops, previous); // [B, 1, D]
            Tensor cache = ops.concat(1, state.get("cache"), e); // [B, T + 1, D]
            Tensor w = ops.softmax(ops.matmul(e, ops.transpose(cache, 0, 2, 1)), -1);
            Tensor logits = ops.squeeze(out.forward(ops, ops.matmul(w, cache)), 1);
            return new StepOutput(logits, state.with("cache", cache), null);
        }

        /** The same as stepping: query i attends the memory's mean and target inputs 0..i. */
        @Override
        public Tensor forward(Ops ops, EncoderOutput encoded, Tensor targetInputs) {
            Tensor e = emb.forward(ops, targetInputs); // [B, T, D]
            Tensor keys = ops.concat(1, ops.unsqueeze(ops.mean(encoded.memory(), false, 1), 1), e); // [B, T + 1, D]
            Tensor allowed = ops.slice(ops.causalMask(keys), 0, 1, Long.MAX_VALUE); // [T, T + 1]: j <= i + 1
            Tensor w = ops.maskedSoftmax(ops.matmul(e, ops.transpose(keys, 0, 2, 1)), allowed);
            return out.forward(ops, ops.matmul(w, keys));
        }
    }

    @Test
    void aStateThatGrowsEachStepExportsWithADynamicAxis(@TempDir Path dir) {
        SplittableRandom rng = new SplittableRandom(3);
        Seq2SeqModel model = Seq2SeqModel.of(new Enc(rng), new Dec(rng));
        assertThat(ExportParity.check(model, V, dir, true)).isLessThan(1e-4);
        Manifest m = Manifest.read(dir.resolve("onnx/manifest.json"));
        Manifest.CachedStep cached = m.decoderStepCached();
        assertThat(cached.graph().file()).isEqualTo("decoder_step_cached.onnx");
        assertThat(cached.updatedState()).containsExactly("cache");
        assertThat(cached.graph().inputs().get(1).shape()).containsExactly("batch", "cache_axis1", D);
        // the uncached step re-runs forward over the prefix and gives the same logits
        assertThat(m.state()).containsExactly("encoded.memory", "encoded.mask", "prefix");
        assertThat(m.updatedState()).containsExactly("prefix");
        assertThat(ExportParity.check(model, V, dir, false)).isLessThan(1e-4);
    }
}
