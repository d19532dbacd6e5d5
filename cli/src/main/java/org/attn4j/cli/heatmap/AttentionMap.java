package org.attn4j.cli.heatmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.attn4j.core.pipeline.Translation;

/**
 * One attention matrix with its axis labels: a row per target token, a column per source token,
 * {@code weights[row][column]} the weight the target position put on the source position.
 *
 * <p>A Transformer gives one map per layer and head; the renderers draw a list of maps as a grid
 * of panels, each with its {@link #title()}. The constructor copies the weights, so a map is
 * immutable and can be shared between threads.
 *
 * @param title   shown above the panel; empty for none (never null)
 * @param rows    the target tokens, top to bottom
 * @param columns the source tokens, left to right
 * @param weights {@code [rows.size()][columns.size()]}, every value finite
 */
public record AttentionMap(String title, List<String> rows, List<String> columns, float[][] weights) {
    /** The label of the end-of-sentence row and column. */
    public static final String EOS = "</s>";

    public AttentionMap {
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("an attention map needs at least one row and one column, got "
                    + rows.size() + " x " + columns.size());
        }
        if (weights.length != rows.size()) {
            throw new IllegalArgumentException("weights have " + weights.length + " rows but there are " + rows.size()
                    + " row labels");
        }
        float[][] copy = new float[weights.length][];
        for (int r = 0; r < weights.length; r++) {
            if (weights[r].length != columns.size()) {
                throw new IllegalArgumentException("weights row " + r + " has " + weights[r].length + " values but there are "
                        + columns.size() + " column labels");
            }
            for (int c = 0; c < weights[r].length; c++) {
                if (!Float.isFinite(weights[r][c])) {
                    throw new IllegalArgumentException("weight [" + r + "][" + c + "] is " + weights[r][c]);
                }
            }
            copy[r] = weights[r].clone();
        }
        weights = copy;
    }

    /**
     * The map of a translation made with attention: the source tokens and {@value #EOS} across,
     * the generated tokens (and {@value #EOS} when the search ended with it) down.
     *
     * @throws IllegalArgumentException if the translation carries no attention, or an empty one
     *                                  (an empty source)
     */
    public static AttentionMap of(Translation translation) {
        float[][] attention = translation.attention();
        if (attention == null) {
            throw new IllegalArgumentException("the translation was made without attention weights");
        }
        if (attention.length == 0) {
            throw new IllegalArgumentException("the translation has no attention weights (empty source)");
        }
        List<String> columns = new ArrayList<>(translation.sourceTokens());
        columns.add(EOS);
        List<String> rows = new ArrayList<>(translation.targetTokens());
        if (attention.length > rows.size()) {
            rows.add(EOS);
        }
        return new AttentionMap("", rows, columns, attention);
    }

    /** The weight at {@code row}, {@code column}. */
    public float weight(int row, int column) {
        return weights[row][column];
    }

    /** A copy of the weights. */
    @Override
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int r = 0; r < weights.length; r++) {
            copy[r] = weights[r].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionMap m && title.equals(m.title) && rows.equals(m.rows) && columns.equals(m.columns)
                && Arrays.deepEquals(weights, m.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, rows, columns, Arrays.deepHashCode(weights));
    }

    @Override
    public String toString() {
        return "AttentionMap[" + (title.isEmpty() ? "" : title + ", ") + rows.size() + " x " + columns.size() + "]";
    }
}
