package org.attn4j.cli.heatmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.attn4j.api.Attn4jException;

/**
 * Writes attention heatmaps; the file name's extension picks the format:
 * <ul>
 *   <li>{@code .png}: a raster image drawn with java.awt (headless) and {@code ImageIO};</li>
 *   <li>{@code .svg}: a vector image with a tooltip per cell;</li>
 *   <li>{@code .html}/{@code .htm}: a self-contained page holding the SVG and a caption.</li>
 * </ul>
 * <pre>{@code
 * Translation t = translator.translate(List.of("I like cats."), new GreedySearch(0), true).get(0);
 * Heatmaps.write(Path.of("map.png"), List.of(AttentionMap.of(t)), 1, List.of("I like cats.", t.text()));
 * }</pre>
 * Several maps (one per layer and head) are drawn as a grid with {@code gridColumns} columns;
 * the geometry is {@link HeatmapLayout}'s. The file is written to a temporary name beside it
 * and renamed, so a failure leaves no partial file. Thread-safe.
 */
public final class Heatmaps {
    /** The extensions {@link #write} accepts. */
    public static final List<String> EXTENSIONS = List.of("png", "svg", "html", "htm");

    private Heatmaps() {
    }

    /** Whether {@code file}'s extension names a format {@link #write} can produce. */
    public static boolean supports(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    /**
     * Draws {@code maps} into {@code file}.
     *
     * @param caption lines shown above the map in HTML (the source and the translation); the
     *                images ignore them
     * @return the layout used (its width and height are the image's)
     * @throws Attn4jException if the extension is not one of {@link #EXTENSIONS} or the file
     *                         cannot be written
     */
    public static HeatmapLayout write(Path file, List<AttentionMap> maps, int gridColumns, List<String> caption) {
        String ext = extension(file);
        if (!EXTENSIONS.contains(ext)) {
            throw new Attn4jException("cannot tell the image format of " + file + ": the name must end in .png, .svg or .html");
        }
        HeatmapLayout layout = HeatmapLayout.of(maps, gridColumns);
        byte[] bytes = switch (ext) {
            case "png" -> PngHeatmap.render(layout);
            case "svg" -> SvgHeatmap.render(layout).getBytes(StandardCharsets.UTF_8);
            default -> HtmlHeatmap.render(layout, caption).getBytes(StandardCharsets.UTF_8);
        };
        writeAtomically(file, bytes);
        return layout;
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
