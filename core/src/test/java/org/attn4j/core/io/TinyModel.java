package org.attn4j.core.io;

import java.util.SplittableRandom;
import org.attn4j.api.Module;
import org.attn4j.api.Parameter;

/** A two-level module with dotted parameter names, filled from a seed. */
final class TinyModel extends Module {

    static final class Layer extends Module {
        Layer(int in, int out, boolean bias, SplittableRandom rng) {
            addParameter("weight", fill(new Parameter(out, in), rng));
            if (bias) {
                addParameter("bias", fill(new Parameter(out), rng));
            }
        }
    }

    static final class Decoder extends Module {
        Decoder(int hidden, int vocab, SplittableRandom rng) {
            addModule("out", new Layer(hidden, vocab, false, rng));
        }
    }

    TinyModel(int in, int hidden, int vocab, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        addModule("encoder", new Layer(in, hidden, true, rng));
        addModule("decoder", new Decoder(hidden, vocab, rng));
    }

    private static Parameter fill(Parameter p, SplittableRandom rng) {
        for (int i = 0; i < p.size(); i++) {
            p.data()[i] = (float) rng.nextGaussian();
        }
        return p;
    }
}
