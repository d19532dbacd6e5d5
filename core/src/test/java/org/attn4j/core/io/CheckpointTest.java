package org.attn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attn4j.api.Module;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Parameter;
import org.attn4j.core.optim.Adam;
import org.attn4j.core.optim.AdamW;
import org.attn4j.core.optim.Optimizer;
import org.attn4j.core.optim.OptimizerState;
import org.attn4j.core.optim.Schedule;
import org.attn4j.core.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final Schedule LR = Schedule.noam(8, 3, 1.0);

    @TempDir
    Path root;

    private static Optimizer adam(Module m) {
        return Adam.builder(m.namedParameters(), LR).build();
    }

    /** Deterministic gradients that depend on the step and the weights, as a real loss would. */
    private static void train(Module model, Optimizer opt, int from, int to) {
        for (int s = from; s < to; s++) {
            opt.zeroGrad();
            int k = 0;
            for (Parameter p : model.parameters()) {
                for (int i = 0; i < p.size(); i++, k++) {
                    p.grad()[i] = (float) Math.cos(0.3 * s + k) + 0.1f * p.data()[i];
                }
            }
            opt.step();
        }
    }

    private static Map<String, float[]> snapshot(Module m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.namedParameters().forEach((n, p) -> out.put(n, p.data().clone()));
        return out;
    }

    private static void assertBitIdentical(Module actual, Map<String, float[]> expected) {
        actual.namedParameters().forEach((n, p) -> assertThat(p.data()).as(n).isEqualTo(expected.get(n)));
    }

    private List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resumingFromACheckpointIsBitIdenticalToNotStopping() {
        TinyModel a = new TinyModel(3, 4, 5, 1);
        Optimizer optA = AdamW.builder(a.namedParameters(), LR).optWeightDecay(0.1).build();
        train(a, optA, 0, 6);
        Path saved = Checkpoint.save(root, a, optA, new TrainingState(6, 2, Map.of("batch", "17")));
        train(a, optA, 6, 15);

        TinyModel b = new TinyModel(3, 4, 5, 99);
        Optimizer optB = AdamW.builder(b.namedParameters(), LR).optWeightDecay(0.1).build();
        TrainingState state = Checkpoint.restore(root, b, optB);
        assertThat(state).isEqualTo(new TrainingState(6, 2, Map.of("batch", "17")));
        assertThat(optB.stepCount()).isEqualTo(6);
        train(b, optB, 6, 15);

        assertBitIdentical(b, snapshot(a));
        OptimizerState sa = optA.state();
        OptimizerState sb = optB.state();
        sa.buffers().forEach((n, buf) -> assertThat(sb.buffers().get(n).values()).as(n).isEqualTo(buf.values()));
        assertThat(saved.getFileName().toString()).isEqualTo("step-000000000006");
    }

    @Test
    void weightsAreAPlainSafetensorsFileUnderModuleNames() throws IOException {
        TinyModel m = new TinyModel(3, 4, 5, 1);
        Optimizer opt = adam(m);
        train(m, opt, 0, 2);
        Path dir = Checkpoint.save(root, m, opt, new TrainingState(2, 0));
        assertThat(list(dir)).containsExactly("optimizer.safetensors", "training.json", "weights.safetensors");

        SafeTensorsContent w = SafeTensors.read(dir.resolve("weights.safetensors"));
        assertThat(w.tensors().keySet()).containsExactly("encoder.weight", "encoder.bias", "decoder.out.weight");
        assertThat(w.tensors().get("decoder.out.weight").shape()).containsExactly(5, 4);
        assertThat(((TensorEntry.F32) w.tensors().get("encoder.bias")).values())
                .isEqualTo(m.namedParameters().get("encoder.bias").data());
        assertThat(w.metadata()).containsEntry("attn4j.step", "2");

        SafeTensorsContent o = SafeTensors.read(dir.resolve("optimizer.safetensors"));
        assertThat(o.tensors().keySet()).contains("adam.m.encoder.weight", "adam.v.decoder.out.weight",
                "adam.step.encoder.bias");
        assertThat(o.tensors().get("adam.v.decoder.out.weight").shape()).containsExactly(5, 4);
        assertThat(((TensorEntry.I64) o.tensors().get("adam.step.encoder.bias")).values()).containsExactly(2L);
        assertThat(o.metadata()).containsEntry("attn4j.optimizer", "adam").containsEntry("attn4j.optimizer.step", "2");

        String json = Files.readString(dir.resolve("training.json"));
        assertThat(json).contains("\"format\" : \"attn4j-checkpoint\"", "\"step\" : 2", "\"optimizer\" : \"adam\"");
    }

    @Test
    void latestPointsAtTheNewestAndKeepPrunesTheOldest() throws IOException {
        TinyModel m = new TinyModel(2, 2, 2, 1);
        Optimizer opt = Sgd.builder(m.namedParameters(), LR).optMomentum(0.9).build();
        assertThat(Checkpoint.latest(root)).isEmpty();
        for (int step = 1; step <= 5; step++) {
            train(m, opt, step - 1, step);
            Checkpoint.save(root, m, opt, new TrainingState(step, 0), 2);
        }
        assertThat(list(root)).containsExactly("latest", "step-000000000004", "step-000000000005");
        assertThat(Checkpoint.latest(root)).contains(root.resolve("step-000000000005"));
        assertThat(Files.readString(root.resolve("latest"))).isEqualTo("step-000000000005\n");

        Path again = Checkpoint.save(root, m, opt, new TrainingState(5, 0), 0);
        assertThat(again.getFileName().toString()).isEqualTo("step-000000000005-2");
        assertThat(Checkpoint.latest(root)).contains(again);
    }

    @Test
    void loadIntoNamesTheFirstShapeMismatch() {
        TinyModel small = new TinyModel(3, 4, 6, 1);
        Checkpoint.save(root, small, null, new TrainingState(0, 0));
        TinyModel wider = new TinyModel(3, 4, 7, 2);
        Map<String, float[]> before = snapshot(wider);
        Path weights = Checkpoint.latest(root).orElseThrow().resolve("weights.safetensors");
        assertThatThrownBy(() -> Checkpoint.loadInto(wider, root)).isInstanceOf(ModelFormatException.class)
                .hasMessage(weights + ": tensor 'decoder.out.weight' has shape [6, 4], the model expects [7, 4]");
        assertBitIdentical(wider, before);

        TinyModel same = new TinyModel(3, 4, 6, 3);
        Checkpoint.loadInto(same, weights);
        assertBitIdentical(same, snapshot(small));
    }

    @Test
    void loadIntoNamesMissingExtraAndMistypedTensors() {
        TinyModel model = new TinyModel(2, 3, 4, 1);
        Map<String, float[]> before = snapshot(model);
        Map<String, TensorEntry> tensors = new LinkedHashMap<>(WeightsFile.entries(model.namedParameters()));

        Path missing = root.resolve("missing.safetensors");
        Map<String, TensorEntry> m = new LinkedHashMap<>(tensors);
        m.remove("encoder.bias");
        SafeTensors.write(missing, m, Map.of());
        assertThatThrownBy(() -> Checkpoint.loadInto(model, missing)).isInstanceOf(ModelFormatException.class)
                .hasMessage(missing + ": tensor 'encoder.bias' is missing; the model expects it with shape [3] "
                        + "(2 tensors in the file, the model has 3 parameters)");

        Path extra = root.resolve("extra.safetensors");
        Map<String, TensorEntry> e = new LinkedHashMap<>(tensors);
        e.put("decoder.gate", new TensorEntry.F32(new int[] {2}, new float[2]));
        SafeTensors.write(extra, e, Map.of());
        assertThatThrownBy(() -> Checkpoint.loadInto(model, extra))
                .hasMessage(extra + ": unexpected tensor 'decoder.gate' of shape [2]: the model has no parameter of that "
                        + "name (1 such tensors)");

        Path typed = root.resolve("typed.safetensors");
        Map<String, TensorEntry> t = new LinkedHashMap<>(tensors);
        t.put("encoder.bias", new TensorEntry.I64(new int[] {3}, new long[3]));
        SafeTensors.write(typed, t, Map.of());
        assertThatThrownBy(() -> Checkpoint.loadInto(model, typed))
                .hasMessage(typed + ": tensor 'encoder.bias' has dtype I64, the model expects F32");

        assertBitIdentical(model, before);
    }

    @Test
    void restoreRefusesAnotherOptimizerAndChangesNothing() {
        TinyModel a = new TinyModel(2, 3, 4, 1);
        Optimizer sgd = Sgd.builder(a.namedParameters(), LR).optMomentum(0.5).build();
        train(a, sgd, 0, 3);
        Path dir = Checkpoint.save(root, a, sgd, new TrainingState(3, 0));

        TinyModel b = new TinyModel(2, 3, 4, 2);
        Optimizer adamB = adam(b);
        Map<String, float[]> before = snapshot(b);
        assertThatThrownBy(() -> Checkpoint.restore(root, b, adamB)).isInstanceOf(ModelFormatException.class)
                .hasMessage(dir.resolve("optimizer.safetensors") + ": holds the state of a 'sgd' optimizer, the optimizer is 'adam'");
        assertBitIdentical(b, before);
        assertThat(adamB.stepCount()).isZero();

        // Same algorithm, different settings that change the state's shape: no momentum buffers.
        Optimizer plain = Sgd.builder(b.namedParameters(), LR).build();
        assertThatThrownBy(() -> Checkpoint.restore(dir, b, plain))
                .hasMessage(dir.resolve("optimizer.safetensors") + ": optimizer state has unexpected buffer "
                        + "'sgd.momentum.encoder.weight'");
        assertBitIdentical(b, before);
        assertThat(plain.stepCount()).isZero();
    }

    @Test
    void restoreWithoutSavedOptimizerState() {
        TinyModel a = new TinyModel(2, 3, 4, 1);
        Path dir = Checkpoint.save(root, a, null, new TrainingState(0, 1));
        TinyModel b = new TinyModel(2, 3, 4, 2);
        assertThatThrownBy(() -> Checkpoint.restore(dir, b, adam(b)))
                .hasMessage(dir + ": the checkpoint was saved without optimizer state; restore it with a null optimizer "
                        + "to load the weights alone");
        assertThat(Checkpoint.restore(dir, b, null)).isEqualTo(new TrainingState(0, 1));
        assertBitIdentical(b, snapshot(a));
    }

    /** An optimizer whose state cannot be taken: a save fails after the weights are written. */
    private static Optimizer failingOptimizer(Optimizer real) {
        return new Optimizer() {
            public String algorithm() {
                return real.algorithm();
            }

            public Map<String, Parameter> parameters() {
                return real.parameters();
            }

            public void step() {
                real.step();
            }

            public void zeroGrad() {
                real.zeroGrad();
            }

            public long stepCount() {
                return real.stepCount();
            }

            public double lastLr() {
                return real.lastLr();
            }

            public OptimizerState state() {
                throw new IllegalStateException("simulated failure while saving");
            }

            public void loadState(OptimizerState state) {
                real.loadState(state);
            }
        };
    }

    @Test
    void aFailedSaveLeavesTheLastGoodCheckpointAndNoTemporaries() throws IOException {
        TinyModel m = new TinyModel(2, 3, 4, 1);
        Optimizer opt = adam(m);
        train(m, opt, 0, 2);
        Path good = Checkpoint.save(root, m, opt, new TrainingState(2, 0));
        Map<String, float[]> goodWeights = snapshot(m);
        Map<String, byte[]> goodFiles = new HashMap<>();
        for (String f : list(good)) {
            goodFiles.put(f, Files.readAllBytes(good.resolve(f)));
        }
        train(m, opt, 2, 4);

        assertThatThrownBy(() -> Checkpoint.save(root, m, failingOptimizer(opt), new TrainingState(4, 0), 1))
                .hasMessage("simulated failure while saving");
        assertThat(list(root)).containsExactly("latest", "step-000000000002");
        assertThat(Checkpoint.latest(root)).contains(good);
        for (String f : list(good)) {
            assertThat(Files.readAllBytes(good.resolve(f))).as(f).isEqualTo(goodFiles.get(f));
        }
        TinyModel restored = new TinyModel(2, 3, 4, 5);
        Checkpoint.restore(root, restored, adam(restored));
        assertBitIdentical(restored, goodWeights);
    }

    @Test
    void leftoversOfACrashedSaveAreIgnoredThenRemoved() throws IOException {
        TinyModel m = new TinyModel(2, 3, 4, 1);
        Path good = Checkpoint.save(root, m, null, new TrainingState(1, 0));
        // What a crash mid-save leaves: a half-written temporary directory and a temporary pointer.
        Path tmp = Files.createDirectory(root.resolve(".tmp-step-000000000002-1234"));
        Files.write(tmp.resolve("weights.safetensors"), new byte[] {1, 2, 3});
        Files.writeString(root.resolve(".latest.abcd.tmp"), "step-0000");
        assertThat(Checkpoint.latest(root)).contains(good);
        Checkpoint.loadInto(new TinyModel(2, 3, 4, 2), root);

        Checkpoint.save(root, m, null, new TrainingState(2, 0));
        assertThat(list(root)).containsExactly("latest", "step-000000000001", "step-000000000002");
    }

    @Test
    void damagedCheckpointsGiveClearErrorsAndLeaveTheModelAlone() throws IOException {
        TinyModel a = new TinyModel(2, 3, 4, 1);
        Optimizer opt = adam(a);
        train(a, opt, 0, 2);
        Path dir = Checkpoint.save(root, a, opt, new TrainingState(2, 0));
        TinyModel b = new TinyModel(2, 3, 4, 2);
        Map<String, float[]> before = snapshot(b);
        Path weights = dir.resolve("weights.safetensors");
        byte[] good = Files.readAllBytes(weights);

        Files.write(weights, java.util.Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> Checkpoint.restore(dir, b, adam(b))).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(weights + ": tensor 'decoder.out.weight' has data_offsets")
                .hasMessageEndingWith("the file is truncated or corrupt");

        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        Files.write(weights, flipped);
        assertThatThrownBy(() -> Checkpoint.loadInto(b, dir)).hasMessageStartingWith(weights + ": the tensor data does "
                + "not match its checksum");
        assertBitIdentical(b, before);

        Files.write(weights, good);
        Files.writeString(dir.resolve("training.json"), "{\"format\": \"attn4j-checkpoint\", \"version\": 2}");
        assertThatThrownBy(() -> Checkpoint.restore(dir, b, adam(b)))
                .hasMessage(dir.resolve("training.json") + ": version 2 is not supported (this is version 1)");

        Files.writeString(root.resolve("latest"), "step-000000000099\n");
        assertThatThrownBy(() -> Checkpoint.latest(root))
                .hasMessage(root.resolve("latest") + ": names checkpoint 'step-000000000099', which does not exist");
        assertThatThrownBy(() -> Checkpoint.loadInto(b, root.resolve("nowhere")))
                .hasMessage(root.resolve("nowhere") + ": no such checkpoint directory");
        assertBitIdentical(b, before);
    }

    @Test
    void saveWeightsWritesAModelFileOtherToolsCanRead() {
        TinyModel m = new TinyModel(2, 3, 4, 1);
        Path file = root.resolve("model").resolve("weights.safetensors");
        assertThatThrownBy(() -> Checkpoint.saveWeights(file, m, Map.of())).isInstanceOf(java.io.UncheckedIOException.class);
        file.getParent().toFile().mkdirs();
        Checkpoint.saveWeights(file, m, Map.of("format", "pt"));
        TinyModel other = new TinyModel(2, 3, 4, 2);
        Checkpoint.loadInto(other, file.getParent());
        assertBitIdentical(other, snapshot(m));
        List<String> names = new ArrayList<>(SafeTensors.read(file).tensors().keySet());
        assertThat(names).containsExactlyElementsOf(m.namedParameters().keySet());
        assertThat(new String(SafeTensors.read(file).metadata().get("format").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).isEqualTo("pt");
    }
}
