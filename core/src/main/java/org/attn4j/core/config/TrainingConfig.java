package org.attn4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.Parameter;
import org.attn4j.api.config.Options;
import org.attn4j.core.optim.Adam;
import org.attn4j.core.optim.AdamW;
import org.attn4j.core.optim.ConstantSchedule;
import org.attn4j.core.optim.NoamSchedule;
import org.attn4j.core.optim.Optimizer;
import org.attn4j.core.optim.Schedule;
import org.attn4j.core.optim.Sgd;
import org.attn4j.core.optim.WarmupCosineSchedule;
import org.attn4j.core.train.TrainingSettings;

/**
 * The {@code training} section. Every key is optional; defaults in brackets.
 * <pre>{@code
 * training:
 *   epochs: 10                 # [10]
 *   max_tokens: 4000           # batch budget: rows x longest side [4000]
 *   optimizer: {name: adam, lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0}
 *                              # adam | adamw (weight_decay 0.01) | sgd (lr, momentum, nesterov, weight_decay)
 *   schedule: {name: constant} # constant | noam (d_model, warmup 4000, factor 1) | cosine (warmup, total, min 0)
 *   clip_norm: 1.0             # [1.0], 0 disables
 *   label_smoothing: 0.0       # [0.0]
 *   seed: 1                    # [1]
 *   patience: 0                # early stopping after N epochs without improvement, 0 off [0]
 *   validate_bleu: true        # rank epochs by validation BLEU (else by loss) [true]
 *   keep: 2                    # per-epoch checkpoints kept [2]
 *   scheduled_sampling: 0.0    # probability that a decoder input is the model's own prediction [0.0]
 *   init_from: models/en-fr    # fine-tune: start from this model directory's weights, tokenizers and
 *                              # architecture (the file then has no 'model' or 'tokenizer'); relative
 *                              # to the configuration file [none]
 * }</pre>
 */
public record TrainingConfig(Integer epochs, @JsonProperty("max_tokens") Integer maxTokens, PluginConfig optimizer,
        PluginConfig schedule, @JsonProperty("clip_norm") Double clipNorm,
        @JsonProperty("label_smoothing") Double labelSmoothing, Long seed, Integer patience,
        @JsonProperty("validate_bleu") Boolean validateBleu, Integer keep,
        @JsonProperty("scheduled_sampling") Double scheduledSampling, @JsonProperty("init_from") String initFrom) {

    public TrainingConfig {
        TrainingSettings d = TrainingSettings.defaults();
        epochs = epochs == null ? d.epochs() : epochs;
        maxTokens = maxTokens == null ? d.maxTokens() : maxTokens;
        optimizer = optimizer == null ? new PluginConfig("adam", Options.empty("training.optimizer")) : optimizer;
        schedule = schedule == null ? new PluginConfig("constant", Options.empty("training.schedule")) : schedule;
        clipNorm = clipNorm == null ? d.clipNorm() : clipNorm;
        labelSmoothing = labelSmoothing == null ? d.labelSmoothing() : labelSmoothing;
        seed = seed == null ? d.seed() : seed;
        patience = patience == null ? d.patience() : patience;
        validateBleu = validateBleu == null ? d.validateBleu() : validateBleu;
        keep = keep == null ? d.keep() : keep;
        scheduledSampling = scheduledSampling == null ? d.sampling() : scheduledSampling;
        if (initFrom != null && initFrom.isBlank()) {
            throw new ConfigurationException("'training.init_from' is empty; give the model directory to fine-tune");
        }
        settings(epochs, maxTokens, clipNorm, labelSmoothing, seed, patience, validateBleu, keep, scheduledSampling);
    }

    /** All defaults. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public TrainingSettings settings() {
        return settings(epochs, maxTokens, clipNorm, labelSmoothing, seed, patience, validateBleu, keep, scheduledSampling);
    }

    private static TrainingSettings settings(int epochs, int maxTokens, double clip, double smoothing, long seed,
            int patience, boolean bleu, int keep, double sampling) {
        try {
            return new TrainingSettings(epochs, maxTokens, clip, smoothing, seed, patience, bleu, keep, sampling);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The optimizer this section describes, over {@code parameters}. */
    public Optimizer createOptimizer(Map<String, Parameter> parameters) {
        Options o = optimizer.options();
        Schedule s = createSchedule(optimizer.name().equals("sgd") ? 0.1 : 1e-3);
        switch (optimizer.name()) {
            case "adam" -> {
                o.checkKeys(List.of("lr", "beta1", "beta2", "eps", "weight_decay"));
                return Adam.builder(parameters, s).optBetas(o.getDouble("beta1", 0.9), o.getDouble("beta2", 0.999))
                        .optEps(o.getDouble("eps", 1e-8)).optWeightDecay(o.getDouble("weight_decay", 0)).build();
            }
            case "adamw" -> {
                o.checkKeys(List.of("lr", "beta1", "beta2", "eps", "weight_decay"));
                return AdamW.builder(parameters, s).optBetas(o.getDouble("beta1", 0.9), o.getDouble("beta2", 0.999))
                        .optEps(o.getDouble("eps", 1e-8)).optWeightDecay(o.getDouble("weight_decay", 0.01)).build();
            }
            case "sgd" -> {
                o.checkKeys(List.of("lr", "momentum", "nesterov", "weight_decay"));
                return Sgd.builder(parameters, s).optMomentum(o.getDouble("momentum", 0))
                        .optNesterov(o.getBoolean("nesterov", false)).optWeightDecay(o.getDouble("weight_decay", 0)).build();
            }
            default -> throw new ConfigurationException("'training.optimizer.name' is '" + optimizer.name()
                    + "'; valid values: [adam, adamw, sgd]");
        }
    }

    /** The learning-rate schedule; {@code lr} of the optimizer block is its (peak) rate. */
    private Schedule createSchedule(double defaultLr) {
        double lr = optimizer.options().getDouble("lr", defaultLr);
        Options o = schedule.options();
        String name = schedule.name();
        if (!Set.of("constant", "noam", "cosine").contains(name)) {
            throw new ConfigurationException("'training.schedule.name' is '" + name + "'; valid values: [constant, cosine, noam]");
        }
        try {
            return switch (name) {
                case "noam" -> {
                    o.checkKeys(List.of("d_model", "warmup", "factor"));
                    yield new NoamSchedule(o.requireInt("d_model"), o.getInt("warmup", 4000), o.getDouble("factor", 1.0));
                }
                case "cosine" -> {
                    o.checkKeys(List.of("warmup", "total", "min"));
                    yield new WarmupCosineSchedule(lr, o.getInt("warmup", 0), o.requireInt("total"), o.getDouble("min", 0));
                }
                default -> {
                    o.checkKeys(List.of());
                    yield new ConstantSchedule(lr);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("training.schedule: " + e.getMessage());
        }
    }
}
