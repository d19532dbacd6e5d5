package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.attn4j.api.Attn4jException;
import org.attn4j.cli.heatmap.AttentionMap;
import org.attn4j.cli.heatmap.BertMaps;
import org.attn4j.cli.heatmap.HeatmapLayout;
import org.attn4j.cli.heatmap.Heatmaps;
import org.attn4j.cli.heatmap.LayerHeadMaps;
import org.attn4j.core.generate.BeamSearch;
import org.attn4j.core.generate.GreedySearch;
import org.attn4j.core.generate.Search;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import org.attn4j.hf.bert.BertEncoder;
import org.attn4j.hf.bert.BertOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn4j attention}: translates one sentence and draws its target x source attention as a
 * heatmap (PNG, SVG or HTML by the output's extension), with the tokens as axis labels. Prints
 * the translation, the axis labels and the image size. For a Transformer on the Java backend it
 * draws a grid: the cross-attention of every decoder layer (rows) and head (columns), and with
 * {@code --self} the decoder's self-attention below it ({@link LayerHeadMaps}); an RNN model, or
 * any model on the {@code onnx} backend (whose graphs output the last layer's weights averaged
 * over heads), gives the single map. For a BERT encoder (imported with {@code attn4j import}, or a
 * Hugging Face BERT directory) nothing is translated: it draws the encoder's self-attention, a row
 * per layer and a column per head, with the text's tokens ({@code [CLS]} ... {@code [SEP]}) on
 * both axes ({@link BertMaps}).
 */
@Command(name = "attention", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = {"Translates TEXT and draws the attention weights as a heatmap; for a BERT encoder, draws its"
                + " self-attention per layer and head.",
            "The format follows FILE's extension: .png, .svg or .html (a self-contained page)."})
final class AttentionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Trained model directory.")
    private Path model;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The sentence to translate.")
    private String text;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Image to write: map.png, map.svg or map.html.")
    private Path out;

    @Option(names = "--beam", paramLabel = "N", defaultValue = "1",
            description = "Beam size; 1 decodes greedily (default: ${DEFAULT-VALUE}).")
    private int beam;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "0",
            description = "Longest output in tokens; 0 means 2 x source length + 10 (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Runtime: java or onnx (ONNX Runtime over MODEL_DIR/onnx; one map, the last layer averaged"
                    + " over heads); default: runtime.backend of the model's configuration, else java.")
    private String backend;

    @Option(names = "--self", description = "Transformers: also draw each decoder layer's self-attention.")
    private boolean self;

    @Override
    public Integer call() {
        if (!Heatmaps.supports(out)) {
            throw new ParameterException(spec.commandLine(), "--out must end in .png, .svg or .html, got " + out);
        }
        if (beam < 1 || maxLength < 0) {
            throw new ParameterException(spec.commandLine(), "--beam must be at least 1 and --max-length >= 0");
        }
        if (text.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--text is empty: there is nothing to translate");
        }
        if (BertEncoder.isBertDirectory(model)) {
            return drawBert();
        }
        Search search = beam == 1 ? new GreedySearch(maxLength) : BeamSearch.builder(beam).optMaxLength(maxLength).build();
        Translation t;
        List<AttentionMap> maps;
        int columns = 1;
        try (Translator translator = Attn4j.load(model, backend)) {
            t = translator.translate(List.of(text), search, true).get(0);
            if (t.attention() == null || t.attention().length == 0) {
                throw new Attn4jException("the model gave no attention weights for this sentence");
            }
            if (isJava(translator) && LayerHeadMaps.supports(translator.model())) {
                LayerHeadMaps.Grid grid = LayerHeadMaps.of(translator.model(), translator.sourceCodec().vocabulary(),
                        translator.targetCodec().vocabulary(), t, self);
                maps = grid.maps();
                columns = grid.heads();
            } else {
                maps = List.of(AttentionMap.of(t));
            }
        }
        AttentionMap map = maps.get(0);
        HeatmapLayout layout = Heatmaps.write(out, maps, columns, List.of("Source: " + text, "Translation: " + t.text()));
        PrintWriter w = spec.commandLine().getOut();
        w.println("translation: " + t.text());
        w.println("columns (source): " + String.join(" ", map.columns()));
        w.println("rows (target): " + String.join(" ", map.rows()));
        if (t.truncated()) {
            w.printf("(the source was cut to its first %d tokens)%n", Translator.MAX_SOURCE_TOKENS);
        }
        if (maps.size() > 1) {
            w.printf("maps: %d (%d per row: %s ... %s)%n", maps.size(), columns, maps.get(0).title(),
                    maps.get(maps.size() - 1).title());
        }
        w.printf("wrote %s (%d x %d px)%n", out, layout.width(), layout.height());
        w.flush();
        return 0;
    }

    /** BERT: the self-attention of every layer and head for TEXT, on the Java engine. */
    private int drawBert() {
        if (backend != null && !backend.equals(org.attn4j.core.pipeline.JavaBackendProvider.NAME)) {
            throw new ParameterException(spec.commandLine(), "--backend " + backend + ": a BERT encoder runs on the java"
                    + " backend only");
        }
        BertEncoder bert = BertEncoder.load(model);
        BertOutput out = bert.encode(List.of(text));
        LayerHeadMaps.Grid grid = BertMaps.of(out);
        List<AttentionMap> maps = grid.maps();
        HeatmapLayout layout = Heatmaps.write(this.out, maps, grid.heads(), List.of("Text: " + text,
                "BERT self-attention: " + bert.layers() + " layers (rows) x " + grid.heads() + " heads (columns)"));
        PrintWriter w = spec.commandLine().getOut();
        w.println("tokens: " + String.join(" ", out.input().tokens().get(0)));
        w.printf("maps: %d (%d per row: %s ... %s)%n", maps.size(), grid.heads(), maps.get(0).title(),
                maps.get(maps.size() - 1).title());
        w.printf("wrote %s (%d x %d px)%n", this.out, layout.width(), layout.height());
        w.flush();
        return 0;
    }

    private static boolean isJava(Translator t) {
        return org.attn4j.core.pipeline.JavaBackendProvider.NAME.equals(t.backend());
    }
}
