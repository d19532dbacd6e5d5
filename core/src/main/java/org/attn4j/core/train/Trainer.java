package org.attn4j.core.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.data.Batch;
import org.attn4j.core.data.Batcher;
import org.attn4j.core.data.Example;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.generate.EagerStepFunction;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Hypothesis;
import org.attn4j.core.io.Checkpoint;
import org.attn4j.core.io.TrainingState;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.optim.GradientClipping;
import org.attn4j.core.optim.Optimizer;

/**
 * Trains any {@link Seq2SeqModel} with teacher forcing on the eager engine.
 *
 * <p>Each epoch: token-budget batches with length bucketing and a seeded shuffle
 * ({@link Batcher}); for each batch the label-smoothed cross-entropy of the teacher-forced logits
 * (padding ignored), backward, clipping of the global gradient norm, an optimizer step. After the
 * epoch: validation loss and perplexity, and corpus BLEU of greedy translations of the validation
 * sources (detokenised by the function given), a checkpoint ({@link Checkpoint}), and the best
 * model's weights in {@code best/weights.safetensors}. Training stops early after
 * {@code patience} epochs without improvement. With a scheduled-sampling probability, some
 * decoder inputs are the model's own predictions ({@link ScheduledSampling}).
 *
 * <p>Resuming is exact: with a checkpoint in the checkpoint directory, training continues at the
 * epoch after it with the same weights, optimizer state and step; batches and dropout depend only
 * on the seed and the epoch, so a resumed run's losses equal an uninterrupted run's. Every file is
 * written atomically: an interruption (Ctrl-C, a crash) leaves the last complete checkpoint.
 * An interrupted thread stops at the next batch boundary. Not thread-safe.
 */
public final class Trainer {
    static final String BEST = "best";

    private final Seq2SeqModel model;
    private final Optimizer optimizer;
    private final TrainingSettings settings;
    private final int targetVocabulary;
    private final Path checkpoints;
    private final Progress progress;

    /**
     * @param checkpoints the checkpoint directory, or null to keep nothing on disk
     * @param log         where the progress bar and epoch summaries go, or null for silence
     */
    public Trainer(Seq2SeqModel model, Optimizer optimizer, TrainingSettings settings, int targetVocabulary,
            Path checkpoints, PrintStream log) {
        this.model = model;
        this.optimizer = optimizer;
        this.settings = settings;
        this.targetVocabulary = targetVocabulary;
        this.checkpoints = checkpoints;
        this.progress = new Progress(log, System.console() != null && log == System.out);
    }

    /**
     * Trains on {@code train}, validating on {@code valid} (may be empty), and returns one result
     * per epoch run now (a resumed run returns only the new epochs).
     *
     * @param references   the validation targets as text, for BLEU; ignored without validation data
     * @param detokenize   target ids to text, for BLEU
     */
    public List<EpochResult> fit(List<Example> train, List<Example> valid, List<String> references,
            Function<int[], String> detokenize) {
        Batcher batcher = new Batcher(train, settings.maxTokens(), settings.seed());
        int startEpoch = 0;
        double best = Double.NaN;
        int stale = 0;
        Optional<Path> latest = checkpoints == null ? Optional.empty() : Checkpoint.latest(checkpoints);
        if (latest.isPresent()) {
            TrainingState state = Checkpoint.restore(latest.get(), model, optimizer);
            startEpoch = (int) state.epoch();
            best = Double.parseDouble(state.metadata().getOrDefault("best", "NaN"));
            stale = Integer.parseInt(state.metadata().getOrDefault("stale", "0"));
            progress.line("resumed from " + latest.get() + " at epoch " + (startEpoch + 1));
        }
        long tokens = 0;
        for (Example e : train) {
            tokens += e.target().length + 1;
        }
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = startEpoch; epoch < settings.epochs(); epoch++) {
            long start = System.nanoTime();
            double trainLoss = trainEpoch(batcher.epoch(epoch), epoch, start);
            if (Double.isNaN(trainLoss)) {
                break; // interrupted: the last checkpoint stays as it is
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double validLoss = valid.isEmpty() ? Double.NaN : validationLoss(valid);
            double bleu = settings.validateBleu() && !valid.isEmpty() ? validationBleu(valid, references, detokenize)
                    : Double.NaN;
            double score = settings.validateBleu() && !valid.isEmpty() ? bleu : -validLoss;
            boolean improved = !valid.isEmpty() && (Double.isNaN(best) || score > best);
            if (improved) {
                best = score;
                stale = 0;
            } else {
                stale++;
            }
            EpochResult r = new EpochResult(epoch, trainLoss, validLoss, Math.exp(validLoss), bleu, tokens / trainSeconds,
                    (System.nanoTime() - start) / 1e9, improved);
            results.add(r);
            progress.line(summary(r));
            if (checkpoints != null) {
                Map<String, String> meta = new HashMap<>();
                meta.put("best", Double.toString(best));
                meta.put("stale", Integer.toString(stale));
                meta.put("train_loss", Double.toString(trainLoss));
                Checkpoint.save(checkpoints, model, optimizer, new TrainingState(optimizer.stepCount(), epoch + 1, meta),
                        settings.keep());
                if (improved || valid.isEmpty()) {
                    createDirectories(checkpoints.resolve(BEST));
                    Checkpoint.saveWeights(checkpoints.resolve(BEST).resolve("weights.safetensors"), model,
                            Map.of("epoch", Integer.toString(epoch + 1)));
                }
            }
            if (settings.patience() > 0 && stale >= settings.patience()) {
                progress.line("no improvement for " + stale + " epochs: stopping");
                break;
            }
        }
        return results;
    }

    private static String summary(EpochResult r) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "epoch %d: train loss %.4f", r.epoch() + 1,
                r.trainLoss()));
        if (!Double.isNaN(r.validLoss())) {
            sb.append(String.format(java.util.Locale.ROOT, ", valid loss %.4f, perplexity %.2f", r.validLoss(),
                    r.validPerplexity()));
        }
        if (!Double.isNaN(r.validBleu())) {
            sb.append(String.format(java.util.Locale.ROOT, ", BLEU %.2f", r.validBleu()));
        }
        sb.append(String.format(java.util.Locale.ROOT, ", %,.0f tok/s, %.1f s%s", r.tokensPerSecond(), r.seconds(),
                r.best() ? " (best)" : ""));
        return sb.toString();
    }

    private static void createDirectories(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** One epoch; returns the mean loss per target token, or NaN if the thread was interrupted. */
    private double trainEpoch(List<Batch> batches, int epoch, long start) {
        SplittableRandom dropoutRng = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
        double lossSum = 0;
        long tokens = 0;
        for (int i = 0; i < batches.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                progress.line("interrupted: keeping the last checkpoint");
                return Double.NaN;
            }
            Batch b = settings.sampling() > 0 ? ScheduledSampling.mix(model, batches.get(i), settings.sampling(), dropoutRng)
                    : batches.get(i);
            EagerOps ops = new EagerOps(dropoutRng).training(true);
            Tensor loss = loss(ops, b, settings.labelSmoothing());
            float value = ((EagerTensor) loss).item();
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("training diverged: loss " + value + " at epoch " + (epoch + 1) + ", batch "
                        + (i + 1) + " (lower the learning rate or clip gradients)");
            }
            ops.backward(loss);
            if (settings.clipNorm() > 0) {
                GradientClipping.clipGlobalNorm(model.parameters(), settings.clipNorm());
            }
            optimizer.step();
            optimizer.zeroGrad();
            lossSum += (double) value * b.targetTokens();
            tokens += b.targetTokens();
            double elapsed = (System.nanoTime() - start) / 1e9;
            progress.update(epoch, i + 1, batches.size(), lossSum / tokens, tokens / elapsed, elapsed);
        }
        return lossSum / Math.max(tokens, 1);
    }

    private Tensor loss(EagerOps ops, Batch b, double smoothing) {
        Tensor src = ops.constantIds(b.sourceIds(), b.size(), b.sourceLength());
        Tensor logits = model.logits(ops, src, ops.notEqual(src, Vocabulary.PAD),
                ops.constantIds(b.targetInputs(), b.size(), b.targetLength()));
        return ops.crossEntropy(logits, ops.constantIds(b.targetOutputs(), b.size(), b.targetLength()), Vocabulary.PAD,
                (float) smoothing);
    }

    /** Mean cross-entropy per target token over {@code examples}, without smoothing or dropout. */
    public double validationLoss(List<Example> examples) {
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        double sum = 0;
        long tokens = 0;
        for (Batch b : new Batcher(examples, settings.maxTokens(), 0).epoch(0)) {
            double l = ops.noGrad(() -> (double) ((EagerTensor) loss(ops, b, 0)).item());
            sum += l * b.targetTokens();
            tokens += b.targetTokens();
        }
        return sum / Math.max(tokens, 1);
    }

    /** Corpus BLEU (sacreBLEU defaults) of greedy translations of the examples' sources. */
    public double validationBleu(List<Example> examples, List<String> references, Function<int[], String> detokenize) {
        List<String> hyps = new ArrayList<>();
        GreedySearch greedy = new GreedySearch(0);
        int batch = 64;
        for (int from = 0; from < examples.size(); from += batch) {
            int to = Math.min(examples.size(), from + batch);
            int[][] sources = new int[to - from][];
            for (int i = from; i < to; i++) {
                sources[i - from] = examples.get(i).source();
            }
            for (List<Hypothesis> h : greedy.search(new EagerStepFunction(model, targetVocabulary), sources, false)) {
                hyps.add(detokenize.apply(h.get(0).tokens()));
            }
        }
        return Bleu.builder().build().corpusScore(hyps, List.of(references)).score();
    }
}
