package org.attn4j.bench.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.metrics.BleuScore;
import org.attn4j.core.metrics.BleuTokenizer;

/**
 * Corpus BLEU (sacreBLEU defaults) of a translated test set split by source length, to show
 * what attention buys on long sentences. A source's length is its number of tokens under
 * sacreBLEU's {@code 13a} tokenizer (words and punctuation marks), so the buckets do not depend
 * on the model's own subword vocabulary. Buckets: 1–10, 11–20 and 21+ tokens, plus the whole set.
 *
 * <p>Usage, from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar org.attn4j.bench.eval.BleuByLength SRC HYP REF [LABEL]}
 * prints one Markdown table row: label, then per bucket {@code BLEU (n)}, then all.
 */
public final class BleuByLength {
    private static final int[] UPPER = {10, 20, Integer.MAX_VALUE};

    private BleuByLength() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: BleuByLength SRC HYP REF [LABEL]");
            System.exit(2);
        }
        List<String> src = read(Path.of(args[0]));
        List<String> hyp = read(Path.of(args[1]));
        List<String> ref = read(Path.of(args[2]));
        if (src.size() != hyp.size() || src.size() != ref.size()) {
            throw new IllegalArgumentException("line counts differ: " + args[0] + " has " + src.size() + ", " + args[1]
                    + " has " + hyp.size() + ", " + args[2] + " has " + ref.size());
        }
        Bleu bleu = Bleu.builder().build();
        StringBuilder row = new StringBuilder("| ").append(args.length == 4 ? args[3] : args[1]).append(" |");
        for (int b = 0; b < UPPER.length; b++) {
            List<String> h = new ArrayList<>();
            List<String> r = new ArrayList<>();
            for (int i = 0; i < src.size(); i++) {
                if (bucket(src.get(i)) == b) {
                    h.add(hyp.get(i));
                    r.add(ref.get(i));
                }
            }
            row.append(cell(bleu, h, r));
        }
        row.append(cell(bleu, hyp, ref));
        System.out.println(row);
    }

    /** The bucket of a source line: 0 for 1–10 tokens, 1 for 11–20, 2 for more. */
    static int bucket(String source) {
        String tokens = BleuTokenizer.MTEVAL_13A.tokenize(source).strip();
        int n = tokens.isEmpty() ? 0 : tokens.split(" +").length;
        for (int b = 0; b < UPPER.length; b++) {
            if (n <= UPPER[b]) {
                return b;
            }
        }
        return UPPER.length - 1;
    }

    private static String cell(Bleu bleu, List<String> hyp, List<String> ref) {
        if (hyp.isEmpty()) {
            return " – (0) |";
        }
        BleuScore s = bleu.corpusScore(hyp, List.of(ref));
        return String.format(Locale.ROOT, " %.2f (%d) |", s.score(), hyp.size());
    }

    private static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
