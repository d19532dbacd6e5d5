package org.attn4j.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.config.Options;
import org.attn4j.api.nn.Embedding;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.testing.Fixture;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The positions the Transformer adds to its embeddings are the fixture's sinusoidal table
 * (computed independently with PyTorch): with a zero token table and no scaling, the embedder
 * returns exactly the positions.
 */
class SinusoidalPositionsParityTest {
    static List<Named<Path>> cases() {
        return Fixture.cases("sinusoidal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theEmbedderAddsTheFixturesTable(Path file) {
        Fixture f = Fixture.load(file);
        int length = f.config().path("length").asInt();
        int dim = f.config().path("dim").asInt();
        TransformerSettings s = TransformerSettings.read(Options.of("t", Map.of("d_model", dim, "heads", 1,
                "dropout", 0.0, "max_length", length, "scale_embeddings", false)));
        Embedding zeros = new Embedding(3, dim, new SplittableRandom(1));
        java.util.Arrays.fill(zeros.weight().data(), 0f);
        TokenEmbedder embedder = new TokenEmbedder(zeros, s, "t", new SplittableRandom(1));
        EagerOps ops = new EagerOps(new SplittableRandom(1));
        float[] out = ((EagerTensor) embedder.forward(ops, ops.constantIds(new long[length], 1, length))).floats();
        float[] expected = f.floats("out_pe");
        assertThat(out).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("PE[%d, %d]", i / dim, i % dim).isCloseTo(expected[i], within(1e-6f));
        }
    }
}
