package org.attn4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BPE with 8,000 merges learned jointly on Multi30k train.en + train.de (once for the class). */
class BpeCorpusTest {
    private static Path data;
    private static List<String> trainEn;
    private static List<String> trainDe;
    private static BpeTokenizer bpe;

    @BeforeAll
    static void learn() {
        if (!CorpusData.available()) {
            return; // each test then skips with the message (an assumption here would hide them)
        }
        data = CorpusData.folder();
        trainEn = CorpusData.lines(data.resolve("multi30k/train.en"));
        trainDe = CorpusData.lines(data.resolve("multi30k/train.de"));
        List<String> joint = new ArrayList<>(trainEn);
        joint.addAll(trainDe);
        bpe = (BpeTokenizer) new BpeTokenizerProvider().create(Options.of("tokenizer", Map.of("merges", 8000)), joint);
    }

    @BeforeEach
    void needsTheCorpus() {
        CorpusData.folder();
    }

    private static void assertLossless(Tokenizer t, List<String> lines, String what) {
        int checked = 0;
        for (String line : lines) {
            String back = t.detokenize(t.split(line));
            if (!back.equals(t.normalize(line))) {
                assertThat(back).as("%s line %d", what, checked + 1).isEqualTo(t.normalize(line));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(lines.size()).isPositive();
    }

    @Test
    void learnsAllEightThousandMerges() {
        assertThat(bpe.mergeCount()).isEqualTo(8000);
    }

    @Test
    void roundTripsEveryMulti30kTrainingLineThroughIds() {
        assertThat(trainEn).hasSize(29_000);
        assertLossless(bpe, trainEn, "train.en");
        assertLossless(bpe, trainDe, "train.de");
        List<String> joint = new ArrayList<>(trainEn);
        joint.addAll(trainDe);
        TextCodec codec = TextCodec.build(bpe, joint, 1, Integer.MAX_VALUE);
        int unknown = 0;
        for (String line : joint) {
            int[] ids = codec.encode(line);
            for (int id : ids) {
                unknown += id == Vocabulary.UNK ? 1 : 0;
            }
            String back = codec.decode(ids);
            if (!back.equals(bpe.normalize(line))) {
                assertThat(back).as("ids of %s", line).isEqualTo(bpe.normalize(line));
            }
        }
        assertThat(unknown).as("unknown tokens in the training text").isZero();
    }

    @Test
    void roundTripsBothColumnsOfTatoeba() {
        assertLossless(bpe, CorpusData.tatoeba(data, 0), "eng-fra.tsv English");
        assertLossless(bpe, CorpusData.tatoeba(data, 1), "eng-fra.tsv French");
    }

    @Test
    void aReloadedTokenizerGivesIdenticalIdsOnTest2016(@TempDir Path dir) {
        List<String> test = new ArrayList<>(CorpusData.lines(data.resolve("multi30k/test2016.en")));
        test.addAll(CorpusData.lines(data.resolve("multi30k/test2016.de")));
        TextCodec codec = TextCodec.build(bpe, trainEn, 1, Integer.MAX_VALUE);
        codec.save(dir);
        TextCodec again = TextCodec.load(dir, Tokenizers.discover(getClass().getClassLoader()));
        for (String line : test) {
            int[] expected = codec.encode(line, true, true);
            int[] actual = again.encode(line, true, true);
            if (!java.util.Arrays.equals(actual, expected)) {
                assertThat(actual).as(line).containsExactly(expected);
            }
        }
    }

    @Test
    void perLanguageLearningRoundTripsToo() {
        Tokenizer german = new BpeTokenizerProvider().create(Options.of("tokenizer", Map.of("merges", 8000)), trainDe);
        assertLossless(german, CorpusData.lines(data.resolve("multi30k/test2016.de")), "test2016.de");
        assertLossless(german, CorpusData.lines(data.resolve("multi30k/test2016.fr")), "test2016.fr");
    }
}
