package org.attn4j.bench.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.Tokenizers;

/**
 * Prints, as a Markdown table, the vocabulary size, the mean tokens per sentence and the
 * unknown-token rate on Multi30k test2016 (en and de) for word-level vocabularies (minimum
 * frequency 2, per language) and for BPE with 8,000 merges (joint and per language; BPE
 * vocabularies keep every subword of the encoded training text). Run from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar org.attn4j.bench.text.TokenizerStats}.
 */
public final class TokenizerStats {
    private TokenizerStats() {
    }

    public static void main(String[] args) {
        Tokenizers tokenizers = Tokenizers.discover(TokenizerStats.class.getClassLoader());
        System.out.println("| tokenizer | vocabulary built from | lang | vocab size | tokens/sentence (test2016) |"
                + " unknown-token rate (test2016) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : List.of("opennlp-simple", "opennlp")) {
            for (String lang : List.of("en", "de")) {
                Tokenizer t = tokenizers.create(Options.of("stats", Map.of("name", name, "language", lang)), null);
                TextCodec codec = TextCodec.build(t, Corpora.multi30k("train." + lang), 2, Integer.MAX_VALUE);
                row("word, " + name, "train." + lang + ", min freq 2", lang, codec);
            }
        }
        List<String> joint = Corpora.jointTraining();
        long start = System.nanoTime();
        Tokenizer bpe = tokenizers.create(Options.of("stats", Map.of("name", "bpe", "merges", 8000)), joint);
        double learnSeconds = (System.nanoTime() - start) / 1e9;
        TextCodec jointCodec = TextCodec.build(bpe, joint, 1, Integer.MAX_VALUE);
        for (String lang : List.of("en", "de")) {
            row("bpe 8000 joint", "train.en+train.de", lang, jointCodec);
        }
        for (String lang : List.of("en", "de")) {
            List<String> train = Corpora.multi30k("train." + lang);
            Tokenizer own = tokenizers.create(Options.of("stats", Map.of("name", "bpe", "merges", 8000)), train);
            row("bpe 8000 " + lang + " only", "train." + lang, lang, TextCodec.build(own, train, 1, Integer.MAX_VALUE));
        }
        System.out.printf(Locale.ROOT, "%nlearning 8000 joint merges (first run in this JVM, wall clock): %.2f s%n",
                learnSeconds);
    }

    private static void row(String tokenizer, String builtFrom, String lang, TextCodec codec) {
        List<String> test = Corpora.multi30k("test2016." + lang);
        long tokens = 0;
        long unknown = 0;
        for (String line : test) {
            for (int id : codec.encode(line)) {
                tokens++;
                unknown += id == Vocabulary.UNK ? 1 : 0;
            }
        }
        int size = codec.vocabulary().size();
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %,d | %.2f | %.2f%% (%d of %,d) |%n", tokenizer, builtFrom, lang,
                size, tokens / (double) test.size(), 100.0 * unknown / tokens, unknown, tokens);
    }
}
