package org.attn4j.tokenizers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeLearnerTest {

    /** The textbook learner: recount every pair after every merge. */
    static List<String[]> reference(Map<String, Integer> wordCounts, int merges, int minPairFrequency) {
        Map<List<String>, Integer> words = new HashMap<>();
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            List<String> symbols = new ArrayList<>();
            Subwords.symbols(e.getKey(), symbols);
            words.merge(symbols, e.getValue(), Integer::sum);
        }
        List<String[]> out = new ArrayList<>();
        while (out.size() < merges) {
            Map<List<String>, Integer> pairs = new HashMap<>();
            for (Map.Entry<List<String>, Integer> w : words.entrySet()) {
                List<String> s = w.getKey();
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(List.of(s.get(i), s.get(i + 1)), w.getValue(), Integer::sum);
                }
            }
            List<String> best = null;
            int bestCount = 0;
            for (Map.Entry<List<String>, Integer> p : pairs.entrySet()) {
                List<String> k = p.getKey();
                int c = p.getValue();
                if (best == null || c > bestCount || (c == bestCount && (k.get(0).compareTo(best.get(0)) < 0
                        || (k.get(0).equals(best.get(0)) && k.get(1).compareTo(best.get(1)) < 0)))) {
                    best = k;
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minPairFrequency) {
                break;
            }
            out.add(new String[] {best.get(0), best.get(1)});
            Map<List<String>, Integer> next = new HashMap<>();
            for (Map.Entry<List<String>, Integer> w : words.entrySet()) {
                List<String> s = w.getKey();
                List<String> merged = new ArrayList<>();
                for (int i = 0; i < s.size();) {
                    if (i + 1 < s.size() && s.get(i).equals(best.get(0)) && s.get(i + 1).equals(best.get(1))) {
                        merged.add(best.get(0) + best.get(1));
                        i += 2;
                    } else {
                        merged.add(s.get(i++));
                    }
                }
                next.merge(merged, w.getValue(), Integer::sum);
            }
            words = next;
        }
        return out;
    }

    static Map<String, Integer> randomWords(Random rnd, int types, String alphabet, int maxLength) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < types; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + rnd.nextInt(maxLength);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            counts.merge(Subwords.key(sb, 0, sb.length(), rnd.nextBoolean()), 1 + rnd.nextInt(20), Integer::sum);
        }
        return counts;
    }

    @Test
    void matchesTheTextbookLearnerOnRandomCorpora() {
        Random rnd = new Random(42);
        for (int round = 0; round < 30; round++) {
            Map<String, Integer> words = randomWords(rnd, 5 + rnd.nextInt(60), round % 2 == 0 ? "ab" : "abcd\\\u2581", 12);
            int merges = 1 + rnd.nextInt(60);
            int minFreq = 1 + rnd.nextInt(3);
            List<String[]> fast = BpeLearner.learn(words, merges, minFreq);
            List<String[]> slow = reference(words, merges, minFreq);
            assertThat(fast).as("round %d", round).usingElementComparator((x, y) -> java.util.Arrays.equals(x, y) ? 0 : 1)
                    .containsExactlyElementsOf(slow);
        }
    }

    @Test
    void learnsTheMostFrequentPairsWithTiesInStringOrder() {
        Map<String, Integer> words = Map.of("\u2581low", 5, "\u2581lower", 2, "\u2581newest", 6, "\u2581widest", 3);
        List<String[]> merges = BpeLearner.learn(words, 3, 1);
        assertThat(merges.get(0)).containsExactly("e", "s"); // 9, tied with (s, t): "e" < "s"
        assertThat(merges.get(1)).containsExactly("es", "t"); // 9
        assertThat(merges.get(2)).containsExactly("o", "w"); // 7, tied with (\u2581l, o): "o" < "\u2581l"
    }

    @Test
    void noMergesFromNoWords() {
        assertThat(BpeLearner.learn(Map.of(), 10, 1)).isEmpty();
        assertThat(BpeLearner.learn(Map.of("\u2581a", 3), 10, 1)).isEmpty();
    }
}
