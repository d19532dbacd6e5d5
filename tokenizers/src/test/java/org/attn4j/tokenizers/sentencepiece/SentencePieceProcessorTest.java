package org.attn4j.tokenizers.sentencepiece;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attn4j.api.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceProcessorTest {
    private static final int NORMAL = ModelFile.NORMAL;

    private static SentencePieceProcessor model(String name) throws Exception {
        return SentencePieceProcessor.load(SentencePieceParityTest.resource(name + ".model"));
    }

    @Test
    void pieceIdApi() throws Exception {
        SentencePieceProcessor sp = model("unigram-nmt");
        assertThat(sp.size()).isEqualTo(800);
        assertThat(sp.modelType()).isEqualTo("UNIGRAM");
        assertThat(sp.normalizerName()).isEqualTo("nmt_nfkc");
        assertThat(sp.idToPiece(sp.unkId())).isEqualTo("<unk>");
        for (int id = 0; id < sp.size(); id++) {
            assertThat(sp.pieceToId(sp.idToPiece(id))).isEqualTo(id);
        }
        assertThat(sp.pieceToId("no such piece")).isEqualTo(sp.unkId());
        assertThat(sp.isControl(sp.pieceToId("<s>"))).isTrue();
        assertThatThrownBy(() -> sp.idToPiece(800)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("piece id 800 is outside [0, 800)");
        List<String> pieces = sp.encodePieces("Tom est allergique.");
        assertThat(sp.decodePieces(pieces)).isEqualTo("Tom est allergique.");
        assertThat(sp.decodeIds(new int[] {sp.unkId()})).isEqualTo(" \u2047 ");
        assertThatThrownBy(() -> sp.encodeIds("half \uD83D")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D83D at offset 5");
    }

    @Test
    void encodingOffsetsPointIntoTheNormalisedText() throws Exception {
        for (String name : List.of("unigram-nmt", "bpe-nmt-bytes", "bpe-nmt-suffix")) {
            SentencePieceProcessor sp = model(name);
            SentencePieceProcessor.Encoding e = sp.encode("  Qu'est-ce\u00a0que c'est\u202f? \uD83D\uDE00 \u65e5 ");
            int[] starts = e.starts();
            int[] ends = e.ends();
            int[] ids = e.ids();
            for (int i = 0; i < ids.length; i++) {
                if (!sp.isByte(ids[i])) {
                    assertThat(e.normalized().substring(starts[i], ends[i])).as(name).isEqualTo(e.pieces().get(i));
                }
                assertThat(i == 0 || starts[i] >= ends[i - 1] || sp.isByte(ids[i])).as(name + " in order").isTrue();
            }
        }
    }

    @Test
    void brokenFilesAreModelFormatExceptionsNamingFileAndOffset(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(SentencePieceParityTest.resource("unigram-nmt.model"));
        Path truncated = dir.resolve("truncated.model");
        Files.write(truncated, Arrays.copyOf(good, 1000));
        assertThatThrownBy(() -> SentencePieceProcessor.load(truncated)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(truncated.toString()).hasMessageMatching(".*at byte offset \\d+.*");
        Path text = dir.resolve("text.model");
        Files.writeString(text, "this is not a model\n");
        assertThatThrownBy(() -> SentencePieceProcessor.load(text)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not a valid SentencePiece model");
        Path empty = dir.resolve("empty.model");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> SentencePieceProcessor.load(empty)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("holds no pieces");
        assertThatThrownBy(() -> SentencePieceProcessor.load(dir.resolve("absent.model")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("absent.model does not exist");
    }

    @Test
    void modelsThatBreakSentencePiecesRulesAreRejected() {
        assertThatThrownBy(() -> SentencePieceProcessor.fromBytes(new ModelBytes().piece("a", -1, NORMAL).build(), "m"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("no piece has type UNKNOWN");
        byte[] twice = new ModelBytes().piece("<unk>", 0, ModelFile.UNKNOWN).piece("a", -1, NORMAL).piece("a", -2, NORMAL)
                .build();
        assertThatThrownBy(() -> SentencePieceProcessor.fromBytes(twice, "m")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("m: piece 2 (at byte offset").hasMessageContaining("'a' repeats piece 1");
        byte[] bytePiece = new ModelBytes().piece("<unk>", 0, ModelFile.UNKNOWN).piece("<0x41>", 0, ModelFile.BYTE).build();
        assertThatThrownBy(() -> SentencePieceProcessor.fromBytes(bytePiece, "m")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("byte_fallback off");
        byte[] word = new ModelBytes().piece("<unk>", 0, ModelFile.UNKNOWN).modelType(ModelFile.WORD).build();
        assertThatThrownBy(() -> SentencePieceProcessor.fromBytes(word, "m")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model type 3 (WORD) is not supported");
        byte[] noBytes = new ModelBytes().piece("<unk>", 0, ModelFile.UNKNOWN).byteFallback().build();
        assertThatThrownBy(() -> SentencePieceProcessor.fromBytes(noBytes, "m")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no piece <0x00>");
    }

    /** A random model over a small alphabet: unknown piece 0, then distinct pieces of 1 to 4 chars. */
    private static ModelBytes randomModel(SplittableRandom rng, int modelType, Map<String, Float> scores) {
        String alphabet = "abcd\u00e9";
        ModelBytes m = new ModelBytes().piece("<unk>", 0, ModelFile.UNKNOWN).modelType(modelType).identity(false, false);
        while (scores.size() < 30) {
            StringBuilder p = new StringBuilder();
            int n = 1 + rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                p.append(alphabet.charAt(rng.nextInt(alphabet.length() - (n == 1 ? 1 : 0))));
            }
            float score = (float) -(0.5 + 9.5 * rng.nextDouble());
            if (scores.putIfAbsent(p.toString(), score) == null) {
                m.piece(p.toString(), score, NORMAL);
            }
        }
        return m;
    }

    private static String randomText(SplittableRandom rng) {
        String chars = "abcd\u00e9x";
        StringBuilder t = new StringBuilder();
        for (int i = 1 + rng.nextInt(10); i > 0; i--) {
            t.append(chars.charAt(rng.nextInt(chars.length())));
        }
        return t.toString();
    }

    /** The best segmentation score by trying every segmentation, the plain twin of the Viterbi search. */
    private static double bestScore(String text, Map<String, Float> scores, float unkScore) {
        double[] best = new double[text.length() + 1];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        for (int end = 1; end <= text.length(); end++) {
            for (int start = 0; start < end; start++) {
                String s = text.substring(start, end);
                Float score = scores.get(s);
                if (score == null && end - start == 1) {
                    score = unkScore;
                }
                if (score != null) {
                    best[end] = Math.max(best[end], best[start] + score);
                }
            }
        }
        return best[text.length()];
    }

    @Test
    void viterbiFindsTheBestSegmentationOnRandomModels() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            Map<String, Float> scores = new HashMap<>();
            ModelBytes m = randomModel(rng, ModelFile.UNIGRAM, scores);
            SentencePieceProcessor sp = SentencePieceProcessor.fromBytes(m.build(), "random");
            float unkScore = (float) scores.values().stream().mapToDouble(f -> f).min().orElseThrow() - 10f;
            for (int k = 0; k < 20; k++) {
                String text = randomText(rng);
                double found = 0;
                for (String piece : sp.encodePieces(text)) {
                    Float s = scores.get(piece);
                    found += s != null ? s : unkScore * piece.length();
                }
                assertThat(found).as("round %d, '%s': %s", round, text, sp.encodePieces(text))
                        .isCloseTo(bestScore(text, scores, unkScore), org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    /** Plain BPE: merge the best adjacent pair (highest score, then leftmost) until none is a piece. */
    private static List<String> naiveBpe(String text, Map<String, Float> scores) {
        List<String> symbols = new ArrayList<>();
        text.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        while (true) {
            int best = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Float s = scores.get(symbols.get(i) + symbols.get(i + 1));
                if (s != null && (best < 0 || s > scores.get(symbols.get(best) + symbols.get(best + 1)))) {
                    best = i;
                }
            }
            if (best < 0) {
                return symbols;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
    }

    @Test
    void bpeMatchesThePlainAlgorithmOnRandomModels() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int round = 0; round < 50; round++) {
            Map<String, Float> scores = new HashMap<>();
            SentencePieceProcessor sp = SentencePieceProcessor.fromBytes(randomModel(rng, ModelFile.BPE, scores).build(), "r");
            for (int k = 0; k < 20; k++) {
                String text = randomText(rng);
                List<String> expected = mergeUnknowns(naiveBpe(text, scores), scores);
                assertThat(sp.encodePieces(text)).as("round %d, '%s'", round, text).isEqualTo(expected);
            }
        }
    }

    /** Consecutive symbols that are not pieces become one unknown piece, as the reference does. */
    private static List<String> mergeUnknowns(List<String> symbols, Map<String, Float> scores) {
        List<String> out = new ArrayList<>();
        boolean previousUnknown = false;
        for (String s : symbols) {
            boolean unknown = !scores.containsKey(s);
            if (unknown && previousUnknown) {
                out.set(out.size() - 1, out.get(out.size() - 1) + s);
            } else {
                out.add(s);
            }
            previousUnknown = unknown;
        }
        return out;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard against quadratic behaviour, not a benchmark
    void aHundredKilobyteLineEncodesQuickly() throws Exception {
        StringBuilder b = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(3);
        String[] words = {"Tom", "est", "allergique", "\u00e0", "la", "poussi\u00e8re.", "\uD83D\uDE00", "\u65e5\u672c",
            "I", "deliberately", "did", "that."};
        while (b.length() < 100_000) {
            b.append(words[rng.nextInt(words.length)]).append(rng.nextInt(8) == 0 ? "" : " ");
        }
        String line = b.toString();
        for (String name : List.of("unigram-nmt", "bpe-nmt-bytes", "unigram-identity-bytes")) {
            SentencePieceProcessor sp = model(name);
            sp.encodeIds(line); // warm-up
            long t0 = System.nanoTime();
            int[] ids = sp.encodeIds(line);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("sentencepiece %s: a %d-char line in %d ms (%d pieces)%n", name, line.length(), ms, ids.length);
            assertThat(sp.decodeIds(ids).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(90_000);
        }
    }
}
