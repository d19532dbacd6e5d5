package org.attn4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.attn4j.api.text.Vocabulary;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private static List<Example> examples(int n) {
        SplittableRandom r = new SplittableRandom(4);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[1 + r.nextInt(30)];
            int[] t = new int[s.length + r.nextInt(3)]; // translations have lengths close to their source's
            java.util.Arrays.fill(s, 7);
            java.util.Arrays.fill(t, 9);
            s[s.length - 1] = Vocabulary.EOS;
            out.add(new Example(s, t));
        }
        return out;
    }

    @Test
    void everyExampleAppearsOnceAndBatchesRespectTheTokenBudget() {
        List<Example> ex = examples(1000);
        List<Batch> batches = new Batcher(ex, 200, 1).epoch(0);
        Set<Integer> seen = new HashSet<>();
        for (Batch b : batches) {
            assertThat((long) b.size() * Math.max(b.sourceLength(), b.targetLength())).isLessThanOrEqualTo(200);
            for (int i : b.indices()) {
                assertThat(seen.add(i)).as("example %d appears once", i).isTrue();
            }
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void bucketingKeepsPaddingLow() {
        List<Batch> batches = new Batcher(examples(2000), 400, 1).epoch(0);
        long real = 0;
        long padded = 0;
        for (Batch b : batches) {
            real += b.targetTokens();
            padded += (long) b.size() * b.targetLength();
        }
        // lengths 1..32 in random order would waste about a third of each batch
        assertThat(real / (double) padded).isGreaterThan(0.85);
    }

    @Test
    void theSameSeedAndEpochGiveTheSameBatches() {
        List<Example> ex = examples(300);
        List<Batch> a = new Batcher(ex, 150, 9).epoch(3);
        List<Batch> b = new Batcher(ex, 150, 9).epoch(3);
        List<Batch> c = new Batcher(ex, 150, 9).epoch(4);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).indices()).containsExactly(b.get(i).indices());
        }
        assertThat(c.get(0).indices()).isNotEqualTo(a.get(0).indices());
    }

    @Test
    void batchesAddBosAndEosAndPad() {
        List<Example> ex = List.of(new Example(new int[] {5, 3}, new int[] {6, 7}), new Example(new int[] {5, 5, 3}, new int[] {8}));
        Batch b = Batch.of(ex, new int[] {0, 1});
        assertThat(b.sourceIds()).containsExactly(5, 3, 0, 5, 5, 3);
        assertThat(b.targetInputs()).containsExactly(2, 6, 7, 2, 8, 0);
        assertThat(b.targetOutputs()).containsExactly(6, 7, 3, 8, 3, 0);
        assertThat(b.targetTokens()).isEqualTo(5);
    }
}
