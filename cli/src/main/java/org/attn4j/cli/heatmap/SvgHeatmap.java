package org.attn4j.cli.heatmap;

import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link HeatmapLayout} as a standalone SVG document: the same geometry as the PNG,
 * text as text (searchable, scalable), and a tooltip on every cell with its two tokens and its
 * weight. Stateless and thread-safe.
 */
final class SvgHeatmap {
    private SvgHeatmap() {
    }

    /** A complete SVG document (with its XML declaration). */
    static String render(HeatmapLayout layout) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(layout);
    }

    /** The {@code <svg>} element alone, for inlining into HTML. */
    static String element(HeatmapLayout layout) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"%d\">%n", layout.width(), layout.height(),
                layout.width(), layout.height(), HeatmapLayout.FONT_SIZE));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", layout.width(),
                layout.height()));
        for (HeatmapLayout.Panel p : layout.panels()) {
            panel(s, p, layout.titled());
        }
        legend(s, layout);
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, HeatmapLayout.Panel p, boolean titled) {
        AttentionMap m = p.map();
        int cell = HeatmapLayout.CELL;
        s.append("<g>\n");
        if (titled && !m.title().isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\" dominant-baseline=\"central\">%s"
                    + "</text>%n", p.slotX() + HeatmapLayout.PAD, p.slotY() + HeatmapLayout.PAD + HeatmapLayout.TITLE / 2,
                    escape(HeatmapLayout.fit(m.title()))));
        }
        List<String> rows = m.rows();
        for (int r = 0; r < rows.size(); r++) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" dominant-baseline=\"central\">"
                    + "%s</text>%n", p.cellsX() - HeatmapLayout.GAP, p.cellsY() + r * cell + cell / 2,
                    escape(HeatmapLayout.fit(rows.get(r)))));
        }
        List<String> columns = m.columns();
        for (int c = 0; c < columns.size(); c++) {
            s.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-90)\" dominant-baseline=\"central\">"
                    + "%s</text>%n", p.cellsX() + c * cell + cell / 2, p.cellsY() - HeatmapLayout.GAP,
                    escape(HeatmapLayout.fit(columns.get(c)))));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                float w = m.weight(r, c);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%06x\">"
                        + "<title>%s \u2190 %s: %.3f</title></rect>%n", p.cellsX() + c * cell, p.cellsY() + r * cell, cell, cell,
                        HeatmapLayout.color(w), escape(rows.get(r)), escape(columns.get(c)), w));
            }
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d.5\" y=\"%d.5\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999999\"/>%n</g>%n", p.cellsX(), p.cellsY(), columns.size() * cell - 1, rows.size() * cell - 1));
    }

    private static void legend(StringBuilder s, HeatmapLayout layout) {
        int y = layout.legendY();
        int barX = HeatmapLayout.PAD + HeatmapLayout.CHAR_WIDTH + HeatmapLayout.GAP;
        s.append("<defs><linearGradient id=\"attn4j-weight\">");
        for (int i = 0; i <= 4; i++) {
            s.append(String.format(Locale.ROOT, "<stop offset=\"%.2f\" stop-color=\"#%06x\"/>", i / 4.0,
                    HeatmapLayout.color(i / 4f)));
        }
        s.append("</linearGradient></defs>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"central\">0</text>%n",
                HeatmapLayout.PAD, y + 6));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" fill=\"url(#attn4j-weight)\" "
                + "stroke=\"#999999\"/>%n", barX, y, HeatmapLayout.LEGEND_BAR));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"central\">1  weight</text>%n",
                barX + HeatmapLayout.LEGEND_BAR + HeatmapLayout.GAP, y + 6));
    }

    /** {@code text} safe inside XML character data and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                        out.append('\uFFFD'); // not allowed in XML 1.0
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
