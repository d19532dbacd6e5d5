package org.attn4j.core.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.config.Attn4jConfig;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.generate.Search;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.tokenizers.TextCodec;
import org.attn4j.tokenizers.Tokenizers;

/**
 * Translates text with a trained model: tokenize, map to ids, search, detokenise.
 * <pre>{@code
 * try (Translator t = Attn4j.load(Path.of("model"))) {
 *     Translation tr = t.translate(List.of("Ein Hund läuft."), BeamSearch.builder(5).build(), true).get(0);
 *     System.out.println(tr.text());   // tr.attention(): target x source weights
 * }
 * }</pre>
 *
 * <p>Input rules: an empty or blank line gives an empty translation; a source longer than
 * {@link #MAX_SOURCE_TOKENS} tokens is cut to that length and its translation is marked
 * {@code truncated}. Thread-safe: the model is only read, and every call decodes with its own
 * engine state. {@link #close()} releases nothing native for the Java backend but makes later
 * calls fail, as on every backend.
 */
public final class Translator implements AutoCloseable {
    /** The longest source, in tokens, that is translated whole. */
    public static final int MAX_SOURCE_TOKENS = 250;
    private static final int BATCH = 32;

    private final Seq2SeqModel model;
    private final TextCodec source;
    private final TextCodec target;
    private volatile boolean closed;

    public Translator(Seq2SeqModel model, TextCodec source, TextCodec target) {
        this.model = model;
        this.source = source;
        this.target = target;
    }

    /** Opens the model directory {@code dir}, with plugins (architectures, tokenizers) from {@code plugins}. */
    public static Translator open(Path dir, PluginRegistry plugins) {
        ModelDirectory md = new ModelDirectory(dir).requireComplete();
        Attn4jConfig config = new ConfigReader().read(md.config(), plugins);
        Tokenizers tokenizers = Tokenizers.of(List.copyOf(plugins.all(PluginKind.TOKENIZER).values()));
        TextCodec src = TextCodec.load(md.source(), tokenizers);
        TextCodec tgt = TextCodec.load(md.target(), tokenizers);
        Seq2SeqModel model = new ModelFactory(plugins).create(config.model(), src.vocabulary().size(),
                tgt.vocabulary().size(), config.training().seed());
        Checkpoint.loadInto(model, md.weights());
        return new Translator(model, src, tgt);
    }

    public Seq2SeqModel model() {
        return model;
    }

    public TextCodec sourceCodec() {
        return source;
    }

    public TextCodec targetCodec() {
        return target;
    }

    /** Translates every sentence with {@code search}; attention matrices only when asked. */
    public List<Translation> translate(List<String> sentences, Search search, boolean withAttention) {
        if (closed) {
            throw new IllegalStateException("this translator is closed");
        }
        Translation[] out = new Translation[sentences.size()];
        List<Integer> pending = new ArrayList<>();
        List<List<String>> tokens = new ArrayList<>();
        boolean[] truncated = new boolean[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            List<String> t = s == null || s.isBlank() ? List.of() : source.tokenizer().split(s);
            truncated[i] = t.size() > MAX_SOURCE_TOKENS;
            tokens.add(truncated[i] ? t.subList(0, MAX_SOURCE_TOKENS) : t);
            if (t.isEmpty()) {
                out[i] = new Translation("", List.of(), List.of(), 0, withAttention ? new float[0][] : null, false);
            } else {
                pending.add(i);
            }
        }
        for (int from = 0; from < pending.size(); from += BATCH) {
            List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + BATCH));
            int[][] ids = new int[chunk.size()][];
            for (int j = 0; j < ids.length; j++) {
                List<String> t = tokens.get(chunk.get(j));
                ids[j] = new int[t.size() + 1];
                for (int k = 0; k < t.size(); k++) {
                    int id = source.vocabulary().id(t.get(k));
                    ids[j][k] = source.vocabulary().isSpecial(id) ? Vocabulary.UNK : id;
                }
                ids[j][t.size()] = Vocabulary.EOS;
            }
            List<List<Hypothesis>> hyps = search.search(new EagerStepFunction(model, target.vocabulary().size()), ids,
                    withAttention);
            for (int j = 0; j < ids.length; j++) {
                int i = chunk.get(j);
                Hypothesis h = hyps.get(j).get(0);
                out[i] = new Translation(target.decode(h.tokens()), tokens.get(i), target.vocabulary().decode(h.tokens()),
                        h.score(), withAttention ? trim(h.attention(), ids[j].length) : null, truncated[i]);
            }
        }
        return List.of(out);
    }

    private static float[][] trim(float[][] attention, int sourceLength) {
        if (attention == null) {
            return null;
        }
        float[][] out = new float[attention.length][];
        for (int r = 0; r < attention.length; r++) {
            out[r] = attention[r] == null ? new float[sourceLength] : Arrays.copyOf(attention[r], sourceLength);
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
