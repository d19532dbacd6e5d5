package org.attn4j.cli.heatmap;

import java.util.List;

/**
 * A self-contained HTML page: a heading, the caption lines, and the heatmap as inline SVG
 * (cells show their tokens and weight on hover). No script, style sheet, font or image is
 * fetched from anywhere. Stateless and thread-safe.
 */
final class HtmlHeatmap {
    private HtmlHeatmap() {
    }

    static String render(HeatmapLayout layout, List<String> caption) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>attn4j attention</title>\n")
                .append("<style>body{font-family:sans-serif;margin:24px;color:#222}"
                        + "p.caption{margin:4px 0}svg rect:hover{stroke:#000;stroke-width:1}</style>\n")
                .append("</head>\n<body>\n<h1>Attention</h1>\n");
        for (String line : caption) {
            s.append("<p class=\"caption\">").append(SvgHeatmap.escape(line)).append("</p>\n");
        }
        s.append("<p>Rows: target tokens; columns: source tokens. Hover over a cell for its weight.</p>\n");
        s.append(SvgHeatmap.element(layout));
        return s.append("</body>\n</html>\n").toString();
    }
}
