package org.attn4j.cli.heatmap;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.hf.bert.BertOutput;

/**
 * A BERT encoder's self-attention for one text as heatmap panels, one per layer and head, as
 * Hugging Face's {@code output_attentions=True} gives them: rows are the queries and columns the
 * keys, both the text's tokens with {@code [CLS]} and {@code [SEP]}. Panels are ordered layer by
 * layer, head by head, so a grid with {@link LayerHeadMaps.Grid#heads} columns has a row per layer.
 * Stateless.
 */
public final class BertMaps {
    private BertMaps() {
    }

    /**
     * The panels of the first sequence of {@code out}.
     *
     * @throws IllegalArgumentException if {@code out} holds no attention maps
     */
    public static LayerHeadMaps.Grid of(BertOutput out) {
        float[][][][][] att = out.attentions();
        if (att.length == 0) {
            throw new IllegalArgumentException("the encoder gave no attention maps");
        }
        List<String> tokens = out.input().tokens().get(0);
        int n = tokens.size();
        int heads = att[0][0].length;
        List<AttentionMap> panels = new ArrayList<>();
        for (int layer = 0; layer < att.length; layer++) {
            for (int h = 0; h < heads; h++) {
                float[][] full = att[layer][0][h];
                float[][] m = new float[n][];
                for (int q = 0; q < n; q++) {
                    m[q] = java.util.Arrays.copyOf(full[q], n); // a lone text has no padding; this drops any
                }
                panels.add(new AttentionMap("layer " + layer + ", head " + h, tokens, tokens, m));
            }
        }
        return new LayerHeadMaps.Grid(panels, heads);
    }
}
