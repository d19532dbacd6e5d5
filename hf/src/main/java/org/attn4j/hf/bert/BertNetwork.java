package org.attn4j.hf.bert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attn4j.api.Module;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.nn.Linear;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.attn4j.transformer.TransformerEncoder;

/**
 * BERT as attn4j modules: the {@code transformer} encoder plugin (post-norm, learned positions,
 * {@code token_types}, {@code embedding_norm}) and the pooler, {@code tanh(W h[CLS] + b)}.
 * Parameters: {@code encoder.*} (see {@link TransformerEncoder}), {@code pooler.weight [D, D]},
 * {@code pooler.bias [D]}.
 */
final class BertNetwork extends Module {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransformerEncoder encoder;
    private final Linear pooler;
    private final int vocabularySize;

    private BertNetwork(TransformerEncoder encoder, Linear pooler, int vocabularySize) {
        this.vocabularySize = vocabularySize;
        this.encoder = addModule("encoder", encoder);
        this.pooler = pooler == null ? null : addModule("pooler", pooler);
    }

    /**
     * The network for the attn4j encoder block {@code block} (the {@code model.encoder} of an
     * imported config.json) over {@code vocabulary} tokens; parameters are initialised at random
     * until the caller sets them.
     */
    static BertNetwork create(ObjectNode block, String where, int vocabulary, boolean withPooler) {
        PluginRegistry plugins = PluginDiscovery.discover(PluginDiscovery.contextLoader());
        Map<String, Object> map = JSON.convertValue(block, new TypeReference<Map<String, Object>>() { });
        SplittableRandom rng = new SplittableRandom(0);
        ModelContext ctx = new ModelContext(vocabulary, vocabulary, plugins.attentionFactory(), rng);
        Encoder e = plugins.get(PluginKind.ENCODER, String.valueOf(map.get("name"))).create(Options.of(where, map), ctx);
        if (!(e instanceof TransformerEncoder t)) {
            throw new IllegalArgumentException(where + ": a BERT encoder is a 'transformer' encoder, got "
                    + e.getClass().getName());
        }
        int d = t.outputDim();
        return new BertNetwork(t, withPooler ? new Linear(d, d, rng) : null, vocabulary);
    }

    TransformerEncoder encoder() {
        return encoder;
    }

    int vocabularySize() {
        return vocabularySize;
    }

    boolean hasPooler() {
        return pooler != null;
    }

    /** The pooled output {@code [B, D]} of hidden states {@code [B, T, D]}: the pooler on position 0. */
    Tensor pool(Ops ops, Tensor hidden) {
        Tensor cls = ops.reshape(ops.slice(hidden, 1, 0, 1), 0, -1);
        return ops.tanh(pooler.forward(ops, cls));
    }

    /** Runs the encoder; see {@link TransformerEncoder#encode(Ops, Tensor, Tensor, Tensor, List, List)}. */
    Tensor encode(Ops ops, Tensor ids, Tensor types, Tensor mask, List<Tensor> weights, List<Tensor> states) {
        return encoder.encode(ops, ids, types, mask, weights, states).memory();
    }
}
