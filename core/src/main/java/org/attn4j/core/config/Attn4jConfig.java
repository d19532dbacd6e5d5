package org.attn4j.core.config;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.config.RuntimeConfig;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;

/**
 * A whole configuration file, one record component per top-level section.
 * <pre>{@code
 * runtime: {backend: java, threads: 4}      # optional; defaults below
 * data: {train: {tsv: pairs.tsv}}           # for training; see DataConfig
 * tokenizer: {source: {name: bpe}}          # see TextConfig
 * training: {epochs: 10}                    # see TrainingConfig
 * decoding: {beam: 5, length_penalty: 1.0}  # translate/evaluate defaults; see DecodingConfig
 * model:
 *   encoder: {name: rnn, hidden: 256}
 *   decoder: {name: rnn, hidden: 256, attention: {name: additive, dim: 256}}
 * }</pre>
 * Read one with {@link ConfigReader#read(java.nio.file.Path)}; the keys and their rules are in
 * {@code docs/configuration.md}. Adding a section is one component here (Jackson reads it by
 * name, and unknown sections stay errors) plus, if it names plugins, one line in
 * {@link #pluginReferences()}. Immutable and thread-safe.
 *
 * @param runtime where the model runs; {@link RuntimeConfig#defaults()} when absent
 * @param model    the architecture; required, except when {@code training.init_from} names a
 *                 model directory to fine-tune, whose architecture it then is
 * @param data     the corpora to train on; required by {@code attn4j train} only
 * @param text     the {@code tokenizer} section: tokenizers and vocabularies
 * @param training how to train
 * @param decoding how to translate when the caller does not say; {@link DecodingConfig#DEFAULTS} when absent
 */
public record Attn4jConfig(RuntimeConfig runtime, ModelConfig model, DataConfig data,
        @com.fasterxml.jackson.annotation.JsonProperty("tokenizer") TextConfig text, TrainingConfig training,
        DecodingConfig decoding) {
    public Attn4jConfig {
        training = training == null ? TrainingConfig.defaults() : training;
        decoding = decoding == null ? DecodingConfig.DEFAULTS : decoding;
        if (runtime == null) {
            runtime = RuntimeConfig.defaults();
        }
        if (model == null && training.initFrom() == null) {
            throw new ConfigurationException("missing required key 'model'");
        }
        if (training.initFrom() != null && (model != null || text != null)) {
            throw new ConfigurationException("'training.init_from' takes the model and its tokenizers from "
                    + training.initFrom() + "; remove the '" + (model != null ? "model" : "tokenizer") + "' section");
        }
    }

    /** The {@code tokenizer} section, or its defaults when the file has none. */
    @Override
    public TextConfig text() {
        return text == null ? TextConfig.defaults() : text;
    }

    /** Every place this configuration names a plugin, in file order (tokenizers only when the section is given). */
    public List<PluginReference> pluginReferences() {
        List<PluginReference> out = new ArrayList<>();
        out.add(new PluginReference(PluginKind.BACKEND, runtime.backend(), "runtime.backend"));
        if (model != null) {
            out.addAll(model.pluginReferences());
        }
        if (text != null) {
            out.add(new PluginReference(PluginKind.TOKENIZER, text.source().name(), "tokenizer.source.name"));
            out.add(new PluginReference(PluginKind.TOKENIZER, text.target().name(), "tokenizer.target.name"));
        }
        return List.copyOf(out);
    }

    /**
     * Checks that every plugin this configuration names is installed.
     *
     * @return this configuration
     * @throws ConfigurationException naming each unknown plugin, the key that names it, and
     *                                the valid names of that kind
     * @see ConfigReader#read(java.nio.file.Path, PluginRegistry) the same with file positions
     */
    public Attn4jConfig checkPlugins(PluginRegistry plugins) {
        List<String> problems = new ArrayList<>();
        for (PluginReference ref : pluginReferences()) {
            String problem = ref.problem(plugins);
            if (problem != null) {
                problems.add(problem);
            }
        }
        PluginReference.failIfAny(problems);
        return this;
    }
}
