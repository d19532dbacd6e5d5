package org.attn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;
import org.attn4j.api.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightAveragingTest {
    @TempDir
    Path dir;

    private Path save(TinyModel m, String name) {
        Path f = dir.resolve(name);
        Checkpoint.saveWeights(f, m, Map.of());
        return f;
    }

    @Test
    void theMeanOfThreeFilesIsTakenElementByElement() {
        TinyModel a = new TinyModel(3, 5, 7, 1);
        TinyModel b = new TinyModel(3, 5, 7, 2);
        TinyModel c = new TinyModel(3, 5, 7, 3);
        Path out = dir.resolve("mean.safetensors");
        int tensors = WeightAveraging.average(List.of(save(a, "a"), save(b, "b"), save(c, "c")), out);

        assertThat(tensors).isEqualTo(3);
        TinyModel mean = new TinyModel(3, 5, 7, 99);
        Checkpoint.loadInto(mean, out);
        Map<String, Parameter> pa = a.namedParameters();
        Map<String, Parameter> pb = b.namedParameters();
        Map<String, Parameter> pc = c.namedParameters();
        mean.namedParameters().forEach((name, p) -> {
            for (int i = 0; i < p.size(); i++) {
                double expected = ((double) pa.get(name).data()[i] + pb.get(name).data()[i] + pc.get(name).data()[i]) / 3;
                assertThat(p.data()[i]).as(name + "[" + i + "]").isEqualTo((float) expected);
            }
        });
        try (SafeTensorsReader r = SafeTensors.open(out)) {
            assertThat(r.metadata().get(WeightAveraging.AVERAGED_METADATA)).isEqualTo(dir.resolve("a") + ","
                    + dir.resolve("b") + "," + dir.resolve("c"));
            assertThat(r.verifyChecksum()).isTrue();
        }
    }

    @Test
    void checkpointDirectoriesStandForTheirWeights() {
        TinyModel a = new TinyModel(2, 3, 4, 5);
        Path first = Checkpoint.save(dir.resolve("run"), a, null, new TrainingState(10, 1));
        Path second = Checkpoint.save(dir.resolve("run"), a, null, new TrainingState(20, 2));
        assertThat(Checkpoint.list(dir.resolve("run"))).containsExactly(first, second);

        Path out = dir.resolve("same.safetensors");
        WeightAveraging.average(List.of(first, second), out);
        TinyModel back = new TinyModel(2, 3, 4, 6);
        Checkpoint.loadInto(back, out);
        back.namedParameters().forEach((n, p) -> assertThat(p.data()).as(n).isEqualTo(a.namedParameters().get(n).data()));
    }

    @Test
    void checkpointsOfDifferentModelsAreRefusedNamingFileAndTensor() throws IOException {
        Path a = save(new TinyModel(3, 5, 7, 1), "a");
        Path wider = save(new TinyModel(3, 6, 7, 1), "wider");
        Path out = dir.resolve("out.safetensors");
        assertThatThrownBy(() -> WeightAveraging.average(List.of(a, wider), out))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(wider + ": tensor 'encoder.weight' has shape [6, 3], " + a + " has [5, 3]");
        assertThat(out).doesNotExist();

        Path other = dir.resolve("other");
        SafeTensors.write(other, Map.of("encoder.weight", new TensorEntry.F32(new int[] {5, 3}, new float[15])), Map.of());
        assertThatThrownBy(() -> WeightAveraging.average(List.of(a, other), out))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(other + ": tensor 'encoder.bias' is missing; " + a + " has it with shape [5]");
        assertThatThrownBy(() -> WeightAveraging.average(List.of(other, a), out))
                .hasMessageStartingWith(a + ": unexpected tensor 'encoder.bias' that " + other + " does not have");
        assertThatThrownBy(() -> WeightAveraging.average(List.of(a), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "wider", "other");
        }
    }

    @Test
    void aDamagedInputIsAnErrorBeforeAnythingIsWritten() throws IOException {
        Path a = save(new TinyModel(3, 5, 7, 1), "a");
        Path b = save(new TinyModel(3, 5, 7, 2), "b");
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length - 1] ^= 0x10;
        Files.write(b, bytes);
        Path out = dir.resolve("out.safetensors");
        assertThatThrownBy(() -> WeightAveraging.average(List.of(a, b), out))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(b + ": the tensor data does not match");
        assertThat(out).doesNotExist();
    }
}
