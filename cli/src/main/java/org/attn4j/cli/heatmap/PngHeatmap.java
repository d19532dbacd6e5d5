package org.attn4j.cli.heatmap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link HeatmapLayout} into a PNG with the JDK's own imaging (java.awt in headless
 * mode, {@link ImageIO}); no display is needed. Stateless and thread-safe.
 */
final class PngHeatmap {
    private static final Color GRID = new Color(0x999999);
    private static final Color TEXT = new Color(0x222222);

    private PngHeatmap() {
    }

    /** The image, {@code layout.width() x layout.height()} pixels, RGB. */
    static BufferedImage draw(HeatmapLayout layout) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // drawing into an image needs no display
        }
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, HeatmapLayout.FONT_SIZE));
            for (HeatmapLayout.Panel p : layout.panels()) {
                drawPanel(g, p, layout.titled());
            }
            drawLegend(g, layout);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The PNG file's bytes. */
    static byte[] render(HeatmapLayout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(draw(layout), "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawPanel(Graphics2D g, HeatmapLayout.Panel p, boolean titled) {
        AttentionMap m = p.map();
        FontMetrics fm = g.getFontMetrics();
        int centre = (fm.getAscent() - fm.getDescent()) / 2;
        g.setColor(TEXT);
        if (titled && !m.title().isEmpty()) {
            Font plain = g.getFont();
            g.setFont(plain.deriveFont(Font.BOLD));
            g.drawString(HeatmapLayout.fit(m.title()), p.slotX() + HeatmapLayout.PAD,
                    p.slotY() + HeatmapLayout.PAD + HeatmapLayout.TITLE / 2 + centre);
            g.setFont(plain);
        }
        int cell = HeatmapLayout.CELL;
        List<String> rows = m.rows();
        for (int r = 0; r < rows.size(); r++) {
            String label = HeatmapLayout.fit(rows.get(r));
            g.drawString(label, p.cellsX() - HeatmapLayout.GAP - fm.stringWidth(label), p.cellsY() + r * cell + cell / 2 + centre);
        }
        List<String> columns = m.columns();
        AffineTransform saved = g.getTransform();
        for (int c = 0; c < columns.size(); c++) {
            g.translate(p.cellsX() + c * cell + cell / 2 + centre, p.cellsY() - HeatmapLayout.GAP);
            g.rotate(-Math.PI / 2);
            g.drawString(HeatmapLayout.fit(columns.get(c)), 0, 0);
            g.setTransform(saved);
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                g.setColor(new Color(HeatmapLayout.color(m.weight(r, c))));
                g.fillRect(p.cellsX() + c * cell, p.cellsY() + r * cell, cell, cell);
            }
        }
        g.setColor(GRID);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(p.cellsX(), p.cellsY(), columns.size() * cell - 1, rows.size() * cell - 1);
    }

    private static void drawLegend(Graphics2D g, HeatmapLayout layout) {
        FontMetrics fm = g.getFontMetrics();
        int y = layout.legendY();
        int barX = HeatmapLayout.PAD + fm.stringWidth("0") + HeatmapLayout.GAP;
        int barHeight = 12;
        for (int i = 0; i < HeatmapLayout.LEGEND_BAR; i++) {
            g.setColor(new Color(HeatmapLayout.color(i / (float) (HeatmapLayout.LEGEND_BAR - 1))));
            g.fillRect(barX + i, y, 1, barHeight);
        }
        g.setColor(GRID);
        g.drawRect(barX, y, HeatmapLayout.LEGEND_BAR - 1, barHeight - 1);
        g.setColor(TEXT);
        int baseline = y + barHeight / 2 + (fm.getAscent() - fm.getDescent()) / 2;
        g.drawString("0", HeatmapLayout.PAD, baseline);
        g.drawString("1  weight", barX + HeatmapLayout.LEGEND_BAR + HeatmapLayout.GAP, baseline);
    }
}
