package org.attn4j.core.train;

import java.util.random.RandomGenerator;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.data.Batch;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;

/**
 * Scheduled sampling in its two-pass form (Bengio et al. 2015; Mihaylova and Martins 2019), which
 * works for any architecture: a teacher-forced pass without gradients gives the model's most
 * probable token at every position; then each decoder input after BOS is, with probability
 * {@code p}, replaced by the prediction made at the position before it. The training pass runs
 * on the mixed inputs while the expected outputs stay the reference.
 */
final class ScheduledSampling {
    private ScheduledSampling() {
    }

    /** The batch with some target inputs replaced by the model's own predictions. */
    static Batch mix(Seq2SeqModel model, Batch b, double p, RandomGenerator rng) {
        EagerOps ops = new EagerOps(rng);
        float[] logits = ops.noGrad(() -> {
            Tensor src = ops.constantIds(b.sourceIds(), b.size(), b.sourceLength());
            Tensor out = model.logits(ops, src, ops.notEqual(src, Vocabulary.PAD),
                    ops.constantIds(b.targetInputs(), b.size(), b.targetLength()));
            return ((EagerTensor) out).floats();
        });
        int t = b.targetLength();
        int v = logits.length / (b.size() * t);
        long[] inputs = b.targetInputs().clone();
        for (int r = 0; r < b.size(); r++) {
            for (int j = 1; j < t; j++) {
                if (inputs[r * t + j] == Vocabulary.PAD || rng.nextDouble() >= p) {
                    continue;
                }
                int base = (r * t + j - 1) * v;
                int best = 0;
                for (int k = 1; k < v; k++) {
                    if (logits[base + k] > logits[base + best]) {
                        best = k;
                    }
                }
                inputs[r * t + j] = best;
            }
        }
        return new Batch(b.size(), b.sourceLength(), t, b.sourceIds(), inputs, b.targetOutputs(), b.targetTokens(),
                b.indices());
    }
}
