package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attn4j.api.Attn4jException;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.metrics.ChrF;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attn4j evaluate}: translates a test set and scores it with BLEU and chrF (sacreBLEU defaults). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Translates SRC and prints corpus BLEU and chrF against REF (sacreBLEU defaults).")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Trained model directory.")
    private Path model;

    @Option(names = "--src", required = true, paramLabel = "FILE", description = "Source sentences, one per line.")
    private Path src;

    @Option(names = "--ref", required = true, paramLabel = "FILE", description = "Reference translations, aligned.")
    private Path ref;

    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() {
        search.check(); // bad options fail before any input is read
        List<String> sources = LineFiles.read(src, "source file");
        List<String> refs = LineFiles.read(ref, "reference file");
        if (sources.size() != refs.size()) {
            throw new Attn4jException("line counts differ: source file " + src + " has " + sources.size()
                    + " lines but reference file " + ref + " has " + refs.size());
        }
        List<String> hyps;
        try (Translator t = Attn4j.load(model, search.backend)) {
            hyps = t.translate(sources, search.search(model), false).stream().map(Translation::text).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "BLEU %.6f%n", Bleu.builder().build().corpusScore(hyps, List.of(refs)).score());
        out.printf(Locale.ROOT, "chrF %.6f%n", ChrF.builder().build().corpusScore(hyps, List.of(refs)).score());
        out.flush();
        return 0;
    }
}
