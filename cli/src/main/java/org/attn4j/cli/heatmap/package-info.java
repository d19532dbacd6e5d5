/**
 * Attention heatmaps drawn with the JDK alone: {@link org.attn4j.cli.heatmap.AttentionMap} holds
 * one target x source matrix with its token labels, {@link org.attn4j.cli.heatmap.HeatmapLayout}
 * places one map or a grid of them (a Transformer's layers and heads), and
 * {@link org.attn4j.cli.heatmap.Heatmaps} writes PNG (java.awt, headless, ImageIO), SVG or a
 * self-contained HTML page. Used by {@code attn4j attention} and {@code attn4j demo}.
 */
package org.attn4j.cli.heatmap;
