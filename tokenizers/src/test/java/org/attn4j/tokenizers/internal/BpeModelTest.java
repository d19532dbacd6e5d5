package org.attn4j.tokenizers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BpeModelTest {

    @Test
    void heapEncoderMatchesTheReferenceOnRandomWords() {
        Random rnd = new Random(1234);
        for (int round = 0; round < 20; round++) {
            String alphabet = round % 2 == 0 ? "abc" : "abcde\\\u2581";
            Map<String, Integer> training = BpeLearnerTest.randomWords(rnd, 40, alphabet, 10);
            BpeModel model = new BpeModel(BpeLearner.learn(training, 5 + rnd.nextInt(80), 1));
            for (int k = 0; k < 200; k++) {
                StringBuilder sb = new StringBuilder();
                int len = 1 + rnd.nextInt(k % 10 == 0 ? 300 : 15);
                for (int i = 0; i < len; i++) {
                    sb.append((alphabet + "xy").charAt(rnd.nextInt(alphabet.length() + 2)));
                }
                String key = Subwords.key(sb, 0, sb.length(), rnd.nextBoolean());
                assertThat(model.encode(key)).as(key).containsExactly(model.encodeReference(key));
            }
        }
    }

    @Test
    void piecesConcatenateToTheKey() {
        BpeModel model = new BpeModel(BpeLearner.learn(Map.of("\u2581abab", 4, "abc", 3), 4, 1));
        for (String key : List.of("\u2581abab", "abcabc", "\u2581zab", "\\\u2581ab\\\\")) {
            assertThat(String.join("", model.encode(key))).isEqualTo(key);
        }
    }

    @Test
    void appliesMergesInRankOrder() {
        List<String[]> merges = List.of(new String[] {"b", "c"}, new String[] {"a", "b"}, new String[] {"a", "bc"});
        BpeModel model = new BpeModel(merges);
        assertThat(model.encode("abc")).containsExactly("abc");
        assertThat(model.encode("abab")).containsExactly("ab", "ab");
        assertThat(model.encode("aaa")).containsExactly("a", "a", "a");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against quadratic time, not a speed requirement
    void aMillionSymbolWordIsNotQuadratic() {
        BpeModel model = new BpeModel(List.of(new String[] {"a", "a"}, new String[] {"aa", "aa"}, new String[] {"aaaa", "aaaa"}));
        String[] pieces = model.encode("a".repeat(1_000_000));
        assertThat(pieces).hasSize(125_000).allMatch(p -> p.equals("aaaaaaaa"));
    }
}
