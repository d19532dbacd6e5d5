package org.attn4j.cli.heatmap;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a heatmap image goes, in pixels, shared by the PNG, SVG and HTML
 * renderers so that all three look alike. The sizes depend only on the number of tokens and
 * the length of their labels (never on the fonts installed), so they are predictable:
 * <pre>
 * label(tokens) = GAP + CHAR_WIDTH x min(MAX_LABEL_CHARS, longest label in code points)
 * panel width   = 2 x PAD + label(target tokens) + CELL x source tokens
 * panel height  = 2 x PAD + TITLE (if any map has a title) + label(source tokens) + CELL x target tokens
 * image width   = max(LEGEND_WIDTH, grid columns x widest panel)
 * image height  = grid rows x tallest panel + LEGEND_HEIGHT
 * </pre>
 * Target tokens label the rows on the left; source tokens label the columns on top, written
 * upwards. Several maps (a Transformer's layers and heads) are laid out in a grid, row by row,
 * every slot as large as the largest panel. Immutable.
 */
public final class HeatmapLayout {
    /** Side of one weight's square. */
    public static final int CELL = 24;
    /** Room allowed per label character (the 12 px font is narrower on average). */
    public static final int CHAR_WIDTH = 8;
    /** Longer labels are cut to this many characters, the last one an ellipsis. */
    public static final int MAX_LABEL_CHARS = 16;
    /** Space between a label and the cells. */
    public static final int GAP = 6;
    /** Margin around each panel. */
    public static final int PAD = 12;
    /** Height of a panel's title line. */
    public static final int TITLE = 20;
    /** Height of the colour legend under the grid. */
    public static final int LEGEND_HEIGHT = 36;
    /** The narrowest image: room for the legend. */
    public static final int LEGEND_WIDTH = 260;
    /** Length of the legend's colour bar. */
    static final int LEGEND_BAR = 160;
    /** Font size of labels, in pixels. */
    static final int FONT_SIZE = 12;

    /** One map's place: the top-left corner of its cells and of its slot. */
    record Panel(AttentionMap map, int slotX, int slotY, int cellsX, int cellsY) {
    }

    private final List<Panel> panels;
    private final int width;
    private final int height;
    private final int gridHeight;
    private final boolean titled;

    private HeatmapLayout(List<Panel> panels, int width, int height, int gridHeight, boolean titled) {
        this.panels = List.copyOf(panels);
        this.width = width;
        this.height = height;
        this.gridHeight = gridHeight;
        this.titled = titled;
    }

    /** The layout of one map. */
    public static HeatmapLayout of(AttentionMap map) {
        return of(List.of(map), 1);
    }

    /**
     * The layout of {@code maps} in a grid of {@code gridColumns} columns (fewer when there
     * are fewer maps).
     *
     * @throws IllegalArgumentException if there is no map or {@code gridColumns < 1}
     */
    public static HeatmapLayout of(List<AttentionMap> maps, int gridColumns) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: no attention map");
        }
        if (gridColumns < 1) {
            throw new IllegalArgumentException("grid columns must be at least 1, got " + gridColumns);
        }
        boolean titled = maps.stream().anyMatch(m -> !m.title().isEmpty());
        int slotWidth = 0;
        int slotHeight = 0;
        for (AttentionMap m : maps) {
            slotWidth = Math.max(slotWidth, 2 * PAD + labelSpace(m.rows()) + CELL * m.columns().size());
            slotHeight = Math.max(slotHeight, 2 * PAD + (titled ? TITLE : 0) + labelSpace(m.columns()) + CELL * m.rows().size());
        }
        int columns = Math.min(gridColumns, maps.size());
        int gridRows = (maps.size() + columns - 1) / columns;
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            AttentionMap m = maps.get(i);
            int slotX = (i % columns) * slotWidth;
            int slotY = (i / columns) * slotHeight;
            panels.add(new Panel(m, slotX, slotY, slotX + PAD + labelSpace(m.rows()),
                    slotY + PAD + (titled ? TITLE : 0) + labelSpace(m.columns())));
        }
        int gridHeight = gridRows * slotHeight;
        return new HeatmapLayout(panels, Math.max(LEGEND_WIDTH, columns * slotWidth), gridHeight + LEGEND_HEIGHT,
                gridHeight, titled);
    }

    /** Room for a column of labels: {@code GAP + CHAR_WIDTH x min(MAX_LABEL_CHARS, longest)}. */
    static int labelSpace(List<String> labels) {
        int longest = 0;
        for (String s : labels) {
            longest = Math.max(longest, s.codePointCount(0, s.length()));
        }
        return GAP + CHAR_WIDTH * Math.min(MAX_LABEL_CHARS, longest);
    }

    /** {@code label} cut to {@link #MAX_LABEL_CHARS} code points, ending in an ellipsis when cut. */
    static String fit(String label) {
        int n = label.codePointCount(0, label.length());
        if (n <= MAX_LABEL_CHARS) {
            return label;
        }
        return label.substring(0, label.offsetByCodePoints(0, MAX_LABEL_CHARS - 1)) + "\u2026";
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** The panels, in the order of the maps. */
    List<Panel> panels() {
        return panels;
    }

    /** Whether panels have a title line. */
    boolean titled() {
        return titled;
    }

    /** Top of the legend. */
    int legendY() {
        return gridHeight + GAP;
    }

    /**
     * The colour of weight {@code w} (clamped to [0, 1]) as 0xRRGGBB: from near-white through
     * light blue to dark blue, so that the largest weights stand out on a white page.
     */
    public static int color(float w) {
        float x = Float.isNaN(w) ? 0f : Math.max(0f, Math.min(1f, w));
        // two linear segments: (250,250,250) -> (120,170,220) -> (20,50,130)
        float[] from = x < 0.5f ? new float[] {250, 250, 250} : new float[] {120, 170, 220};
        float[] to = x < 0.5f ? new float[] {120, 170, 220} : new float[] {20, 50, 130};
        float t = x < 0.5f ? x * 2 : (x - 0.5f) * 2;
        int r = Math.round(from[0] + t * (to[0] - from[0]));
        int g = Math.round(from[1] + t * (to[1] - from[1]));
        int b = Math.round(from[2] + t * (to[2] - from[2]));
        return (r << 16) | (g << 8) | b;
    }
}
