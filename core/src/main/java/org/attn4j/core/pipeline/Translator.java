package org.attn4j.core.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.BackendProvider;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.config.ConfigReader;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.generate.Search;
import org.attn4j.core.generate.StepFunction;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.tokenizers.TextCodec;

/**
 * Translates text with a trained model: tokenize, map to ids, search, detokenise. The search runs
 * over a {@link StepFunction} of the backend the translator was opened on: the eager engine
 * ({@code java}) or ONNX Runtime sessions ({@code onnx}), chosen by {@code runtime.backend}.
 * <pre>{@code
 * try (Translator t = Attn4j.load(Path.of("model"))) {
 *     Translation tr = t.translate(List.of("Ein Hund läuft."), BeamSearch.builder(5).build(), true).get(0);
 *     System.out.println(tr.text());   // tr.attention(): target x source weights
 * }
 * }</pre>
 *
 * <p>A call's sentences are decoded in batches of similar length: sorted by token count and
 * packed to {@link #BATCH_TOKENS} source tokens (at most {@link #BATCH_ROWS} sentences); the
 * translations come back in input order.
 *
 * <p>Input rules: an empty or blank line gives an empty translation; a source longer than
 * {@link #MAX_SOURCE_TOKENS} tokens, or than the encoder accepts on the Java backend
 * ({@link org.attn4j.api.model.Encoder#maxSourceLength()} less EOS), is cut to that length and
 * its translation is marked {@code truncated}. Thread-safe on every backend: the model (or session) is only read, and
 * every call decodes with its own step function. {@link #close()} waits for calls in progress,
 * releases the backend's resources (ONNX Runtime sessions; nothing for the Java backend) and
 * makes later calls fail.
 */
public final class Translator implements AutoCloseable {
    /** The longest source, in tokens, that is translated whole. */
    public static final int MAX_SOURCE_TOKENS = 250;
    /** A batch holds at most this many source tokens, padding included: rows x longest source. */
    public static final int BATCH_TOKENS = 2048;
    /** And at most this many sentences. */
    public static final int BATCH_ROWS = 64;

    private final String backend;
    private final Seq2SeqModel model;
    private final Supplier<StepFunction<?>> steps;
    private final TextCodec source;
    private final TextCodec target;
    private final AutoCloseable resources;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** A translator on the Java backend: the eager engine runs {@code model}. */
    public Translator(Seq2SeqModel model, TextCodec source, TextCodec target) {
        this(JavaBackendProvider.NAME, model, () -> new EagerStepFunction(model, target.vocabulary().size()), source,
                target, null);
    }

    /**
     * A translator on any backend.
     *
     * @param backend   the backend's name, for messages
     * @param steps     makes a fresh step function for each call of {@link #translate}; called
     *                  from several threads at once
     * @param resources closed once by {@link #close()} (sessions, say), or null
     */
    public Translator(String backend, Supplier<StepFunction<?>> steps, TextCodec source, TextCodec target,
            AutoCloseable resources) {
        this(backend, null, steps, source, target, resources);
    }

    private Translator(String backend, Seq2SeqModel model, Supplier<StepFunction<?>> steps, TextCodec source,
            TextCodec target, AutoCloseable resources) {
        this.backend = backend;
        this.model = model;
        this.steps = steps;
        this.source = source;
        this.target = target;
        this.resources = resources;
    }

    /**
     * Opens the model directory {@code dir} on the backend its {@code config.json} names in
     * {@code runtime} (the Java engine when the section is absent), with plugins (architectures,
     * tokenizers, backends) from {@code plugins}.
     */
    public static Translator open(Path dir, PluginRegistry plugins) {
        return open(dir, plugins, (String) null);
    }

    /**
     * As {@link #open(Path, PluginRegistry)}, but on {@code backend} instead of the configured
     * one (null keeps it); the other runtime settings (device, threads) stay as configured.
     */
    public static Translator open(Path dir, PluginRegistry plugins, String backend) {
        ModelDirectory md = new ModelDirectory(dir).requireComplete();
        RuntimeConfig runtime = new ConfigReader().read(md.config(), plugins).runtime();
        if (backend != null) {
            runtime = new RuntimeConfig(backend, runtime.device(), runtime.threads(), runtime.optimization());
        }
        return open(dir, plugins, runtime);
    }

    /**
     * Opens {@code dir} with exactly these runtime settings.
     *
     * @throws ConfigurationException naming {@code runtime.backend} when no installed backend
     *         has that name (the message lists those installed) or that backend cannot translate
     */
    public static Translator open(Path dir, PluginRegistry plugins, RuntimeConfig runtime) {
        BackendProvider provider = plugins.find(PluginKind.BACKEND, runtime.backend())
                .orElseThrow(() -> new ConfigurationException("'runtime.backend' is '" + runtime.backend()
                        + "', which is not an installed backend; installed: "
                        + plugins.all(PluginKind.BACKEND).keySet()));
        if (!(provider instanceof TranslatorBackendProvider tp)) {
            throw new ConfigurationException("'runtime.backend' is '" + runtime.backend() + "' ("
                    + provider.getClass().getName() + "), which cannot translate: it does not implement "
                    + TranslatorBackendProvider.class.getName());
        }
        return tp.openTranslator(dir, runtime, plugins);
    }

    /** The name of the backend this translator runs on ({@code java}, {@code onnx}, ...). */
    public String backend() {
        return backend;
    }

    /**
     * The model the eager engine runs.
     *
     * @throws IllegalStateException on a backend that does not run a Java model (ONNX Runtime)
     */
    public Seq2SeqModel model() {
        if (model == null) {
            throw new IllegalStateException("the " + backend + " backend does not run a Java model");
        }
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
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this translator is closed");
            }
            return translateOpen(sentences, search, withAttention);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Decodes source id sequences with {@code search} on this translator's backend, through the
     * same step function {@link #translate} uses, without tokenising: for callers that hold ids
     * already (benchmarks, peers' token lists). The sources form one batch, in the order given.
     *
     * @param sources source ids of the source vocabulary, each non-empty and ending with EOS if
     *                the model expects it (the imported and trained models do)
     * @return for each source its hypotheses, best first, in target ids
     * @throws IllegalArgumentException naming the row and position of an empty source or an id
     *         outside the source vocabulary
     */
    public List<List<Hypothesis>> search(int[][] sources, Search search, boolean withAttention) {
        int v = source.vocabulary().size();
        for (int r = 0; r < sources.length; r++) {
            if (sources[r].length == 0) {
                throw new IllegalArgumentException("source " + r + " is empty");
            }
            for (int k = 0; k < sources[r].length; k++) {
                if (sources[r][k] < 0 || sources[r][k] >= v) {
                    throw new IllegalArgumentException("source " + r + ", position " + k + ": id " + sources[r][k]
                            + " is outside the source vocabulary of " + v);
                }
            }
        }
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this translator is closed");
            }
            return search.search(steps.get(), sources, withAttention);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Translation> translateOpen(List<String> sentences, Search search, boolean withAttention) {
        Translation[] out = new Translation[sentences.size()];
        List<Integer> pending = new ArrayList<>();
        List<List<String>> tokens = new ArrayList<>();
        boolean[] truncated = new boolean[sentences.size()];
        int maxTokens = model == null ? MAX_SOURCE_TOKENS
                : Math.max(1, Math.min(MAX_SOURCE_TOKENS, model.encoder().maxSourceLength() - 1));
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            List<String> t = s == null || s.isBlank() ? List.of() : source.tokenizer().split(s);
            truncated[i] = t.size() > maxTokens;
            tokens.add(truncated[i] ? t.subList(0, maxTokens) : t);
            if (t.isEmpty()) {
                out[i] = new Translation("", List.of(), List.of(), 0, withAttention ? new float[0][] : null, false);
            } else {
                pending.add(i);
            }
        }
        // Sorted by length (ties in input order) and packed to the token budget: rows of one batch
        // have similar lengths, so little of it is padding. Results go back to their input places.
        pending.sort(Comparator.comparingInt((Integer i) -> tokens.get(i).size()));
        for (int from = 0; from < pending.size(); ) {
            int to = from + 1;
            while (to < pending.size() && to - from < BATCH_ROWS
                    && (to - from + 1) * (tokens.get(pending.get(to)).size() + 1) <= BATCH_TOKENS) {
                to++;
            }
            List<Integer> chunk = pending.subList(from, to);
            from = to;
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
            List<List<Hypothesis>> hyps = search.search(steps.get(), ids, withAttention);
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

    /** Waits for calls in progress, then releases the backend's resources; closing twice is harmless. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (resources != null) {
                resources.close();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the " + backend + " backend failed: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
