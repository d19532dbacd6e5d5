package org.attn4j.cli.heatmap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.engine.EagerOps;
import org.attn4j.core.engine.EagerTensor;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.transformer.AttentionMaps;
import org.attn4j.transformer.TransformerDecoder;

/**
 * A Transformer's attention for one translation, per layer and head, as heatmap panels: the
 * cross-attention of every decoder layer and head, and optionally the decoder's self-attention.
 * The weights come from {@link AttentionMaps}: one teacher-forced pass of the Java model over
 * BOS followed by the tokens the search produced, which gives the weights the steps used.
 *
 * <p>Panels are ordered layer by layer, head by head, so a grid with {@link #heads} columns has
 * a row per layer (cross-attention layers first, then the self-attention layers when asked).
 * Cross panels have the target tokens (and {@code </s>} when the search ended with it) down and
 * the source tokens and {@code </s>} across, like {@link AttentionMap#of(Translation)}; self
 * panels have the same rows and the target inputs ({@code <s>} and the tokens before each row)
 * across. Stateless.
 */
public final class LayerHeadMaps {
    private LayerHeadMaps() {
    }

    /** Whether {@code model} has per-layer and per-head maps (a Transformer decoder). */
    public static boolean supports(Seq2SeqModel model) {
        return model.decoder() instanceof TransformerDecoder;
    }

    /** The number of heads in the maps of {@code maps} (1 for a single-head variant). */
    static int heads(Tensor layerMap) {
        return layerMap.rank() == 4 ? layerMap.dim(1) : 1;
    }

    /**
     * The panels for {@code t}, a translation made with attention by {@code model}.
     *
     * @param source the source vocabulary (to turn the translation's tokens back into ids)
     * @param target the target vocabulary
     * @param withSelf also draw every decoder layer's self-attention
     * @return the panels and the number of heads (the grid's columns)
     * @throws IllegalArgumentException if the model is not a Transformer or {@code t} has no attention
     */
    public static Grid of(Seq2SeqModel model, Vocabulary source, Vocabulary target, Translation t, boolean withSelf) {
        if (!supports(model)) {
            throw new IllegalArgumentException("per-layer attention maps need a transformer decoder");
        }
        AttentionMap averaged = AttentionMap.of(t);
        int steps = averaged.rows().size();
        long[] src = new long[t.sourceTokens().size() + 1];
        for (int k = 0; k < t.sourceTokens().size(); k++) {
            int id = source.id(t.sourceTokens().get(k));
            src[k] = source.isSpecial(id) ? Vocabulary.UNK : id;
        }
        src[src.length - 1] = Vocabulary.EOS;
        long[] tgt = new long[steps];
        List<String> inputs = new ArrayList<>();
        tgt[0] = Vocabulary.BOS;
        inputs.add(Vocabulary.BOS_TOKEN);
        for (int k = 1; k < steps; k++) {
            String token = t.targetTokens().get(k - 1);
            tgt[k] = target.id(token);
            inputs.add(token);
        }
        EagerOps ops = new EagerOps(new SplittableRandom(0));
        AttentionMaps maps = ops.noGrad(() -> {
            Tensor s = ops.constantIds(src, 1, src.length);
            return AttentionMaps.of(ops, model, s, ops.notEqual(s, Vocabulary.PAD), ops.constantIds(tgt, 1, steps));
        });
        int heads = heads(maps.cross().get(0));
        List<AttentionMap> panels = new ArrayList<>();
        for (int layer = 0; layer < maps.cross().size(); layer++) {
            panels.addAll(split(maps.cross().get(layer), "cross", layer, averaged.rows(), averaged.columns()));
        }
        if (withSelf) {
            for (int layer = 0; layer < maps.decoderSelf().size(); layer++) {
                panels.addAll(split(maps.decoderSelf().get(layer), "self", layer, averaged.rows(), inputs));
            }
        }
        return new Grid(panels, heads);
    }

    /**
     * Panels and the grid's column count.
     *
     * @param maps  the panels, layer by layer, head by head
     * @param heads heads per layer: the grid's columns
     */
    public record Grid(List<AttentionMap> maps, int heads) {
        public Grid {
            maps = List.copyOf(maps);
        }
    }

    /** One layer's weights {@code [1, H, R, C]} (or {@code [1, R, C]}) as H panels. */
    private static List<AttentionMap> split(Tensor w, String kind, int layer, List<String> rows, List<String> columns) {
        float[] v = ((EagerTensor) w).floats();
        int heads = heads(w);
        int r = rows.size();
        int c = columns.size();
        if (v.length != heads * r * c) {
            throw new IllegalStateException("layer " + layer + " " + kind + "-attention has shape "
                    + java.util.Arrays.toString(w.shape()) + ", expected " + heads + " x " + r + " x " + c);
        }
        List<AttentionMap> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            float[][] m = new float[r][c];
            for (int i = 0; i < r; i++) {
                System.arraycopy(v, (h * r + i) * c, m[i], 0, c);
            }
            out.add(new AttentionMap("layer " + layer + " " + kind + ", head " + h, rows, columns, m));
        }
        return out;
    }
}
