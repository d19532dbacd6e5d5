package org.attn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attn4j.api.Attn4jException;
import org.attn4j.api.ConfigurationException;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.metrics.BleuScore;
import org.attn4j.core.metrics.BleuTokenizer;
import org.attn4j.core.metrics.ChrF;
import org.attn4j.core.metrics.ChrFScore;
import org.attn4j.core.metrics.Decimals;
import org.attn4j.core.metrics.PyText;
import org.attn4j.core.metrics.Smoothing;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code attn4j score}: corpus BLEU or chrF of a hypothesis file against one or more reference
 * files, with sacreBLEU's definitions and option names. Prints sacreBLEU's summary line with
 * the signature, then the score alone with six decimals on the last line.
 */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = Attn4jCommand.Version.class,
        sortOptions = false,
        header = "Corpus BLEU or chrF of a hypothesis file, as sacreBLEU computes them.",
        description = {
            "Scores detokenised hypotheses against one or more reference files with corpus BLEU "
                    + "or chrF, exactly as sacreBLEU 2.6.0 does (one segment per line, UTF-8).",
            "Prints sacreBLEU's summary line with its signature, then the score with 6 decimals "
                    + "on the last line."},
        footer = {"",
            "Example:",
            "  attn4j score --hyp out.en --ref test.en",
            "  attn4j score --hyp out.en --ref a.en --ref b.en --metric chrf --word-order 2"})
final class ScoreCommand implements Callable<Integer> {
    private static final int DECIMALS = 6;

    /** The metrics this command computes; lower-case on the command line. */
    enum Metric {
        BLEU, CHRF
    }

    @Spec
    private CommandSpec spec;

    @Option(names = {"--hyp", "-i"}, required = true, paramLabel = "FILE",
            description = "Hypotheses, one segment per line.")
    private Path hypothesisFile;

    @Option(names = {"--ref", "-r"}, required = true, paramLabel = "FILE",
            description = "References, one segment per line; repeat for several references.")
    private List<Path> referenceFiles = new ArrayList<>();

    @Option(names = {"--metric", "-m"}, paramLabel = "bleu|chrf", defaultValue = "bleu",
            converter = MetricConverter.class, description = "Metric (default: ${DEFAULT-VALUE}).")
    private Metric metric;

    @Option(names = {"--tokenize", "-tok"}, paramLabel = "13a|none|intl|char", defaultValue = "13a",
            converter = TokenizerConverter.class, description = "BLEU tokenizer (default: 13a).")
    private BleuTokenizer tokenizer;

    @Option(names = {"--smooth", "--smooth-method", "-s"}, paramLabel = "exp|floor|add-k|none",
            defaultValue = "exp", converter = SmoothingConverter.class,
            description = "BLEU smoothing method (default: exp).")
    private Smoothing smoothing;

    @Option(names = {"--smooth-value", "-sv"}, paramLabel = "X",
            description = "Value for floor (default 0.1) or add-k (default 1).")
    private Double smoothValue;

    @Option(names = {"--lowercase", "-lc"}, description = "Lower-case hypotheses and references first.")
    private boolean lowercase;

    @Option(names = {"--char-order", "--chrf-char-order", "-cc"}, paramLabel = "N", defaultValue = "6",
            description = "chrF character n-gram order (default: ${DEFAULT-VALUE}).")
    private int charOrder;

    @Option(names = {"--word-order", "--chrf-word-order", "-cw"}, paramLabel = "N", defaultValue = "0",
            description = "chrF word n-gram order (default: ${DEFAULT-VALUE}; 2 gives chrF++).")
    private int wordOrder;

    @Option(names = {"--beta", "--chrf-beta"}, paramLabel = "N", defaultValue = "2",
            description = "chrF recall weight (default: ${DEFAULT-VALUE}).")
    private int beta;

    @Option(names = {"--eps-smoothing", "--chrf-eps-smoothing"},
            description = "chrF: average per-order F-scores with epsilon smoothing (chrF++.py, NLTK, Moses).")
    private boolean epsSmoothing;

    @Option(names = {"--whitespace", "--chrf-whitespace"},
            description = "chrF: keep whitespace in character n-grams.")
    private boolean whitespace;

    @Option(names = {"--score-only", "-b"}, description = "Print only the score.")
    private boolean scoreOnly;

    @Override
    public Integer call() {
        checkOptionsFitMetric();
        List<String> hypotheses = readSegments(hypothesisFile, "hypothesis file");
        if (hypotheses.isEmpty()) {
            throw new Attn4jException("hypothesis file " + hypothesisFile + " is empty: nothing to score");
        }
        List<List<String>> references = new ArrayList<>(referenceFiles.size());
        for (Path ref : referenceFiles) {
            List<String> lines = readSegments(ref, "reference file");
            if (lines.size() != hypotheses.size()) {
                throw new Attn4jException("line counts differ: hypothesis file " + hypothesisFile + " has "
                        + hypotheses.size() + " lines but reference file " + ref + " has " + lines.size());
            }
            references.add(lines);
        }
        PrintWriter out = spec.commandLine().getOut();
        double score;
        if (metric == Metric.BLEU) {
            BleuScore s = bleu().corpusScore(hypotheses, references);
            summary(out, "BLEU|" + s.signature() + s.format().substring("BLEU".length()));
            score = s.score();
        } else {
            ChrFScore s = chrF().corpusScore(hypotheses, references);
            summary(out, s.name() + "|" + s.signature() + s.format().substring(s.name().length()));
            score = s.score();
        }
        out.println(Decimals.format(score, DECIMALS));
        out.flush();
        return Main.OK;
    }

    /** The file's lines stripped of trailing whitespace, as sacreBLEU's command line reads them. */
    private static List<String> readSegments(Path file, String role) {
        List<String> lines = LineFiles.read(file, role);
        lines.replaceAll(PyText::rstrip);
        return lines;
    }

    private void summary(PrintWriter out, String line) {
        if (!scoreOnly) {
            out.println(line);
        }
    }

    private Bleu bleu() {
        Bleu.Builder b = Bleu.builder().optTokenizer(tokenizer).optLowercase(lowercase);
        if (smoothValue != null) {
            if (!smoothing.takesValue()) {
                throw usage("--smooth-value applies only to --smooth floor or add-k, not " + smoothing.id());
            }
            if (!(smoothValue >= 0) || smoothValue.isInfinite()) {
                throw usage("--smooth-value must be a finite number >= 0, got " + smoothValue);
            }
            b.optSmoothing(smoothing, smoothValue);
        } else {
            b.optSmoothing(smoothing);
        }
        return b.build();
    }

    private ChrF chrF() {
        if (charOrder < 0 || wordOrder < 0 || beta < 0) {
            throw usage("--char-order, --word-order and --beta must be >= 0");
        }
        if (charOrder + wordOrder == 0) {
            throw usage("--char-order and --word-order are both 0: nothing to count");
        }
        return ChrF.builder().optCharOrder(charOrder).optWordOrder(wordOrder).optBeta(beta)
                .optLowercase(lowercase).optEpsSmoothing(epsSmoothing).optWhitespace(whitespace).build();
    }

    /** Options of the other metric are a usage error rather than silently ignored. */
    private void checkOptionsFitMetric() {
        ParseResult parsed = spec.commandLine().getParseResult();
        String[] foreign = metric == Metric.BLEU
                ? new String[] {"--char-order", "--word-order", "--beta", "--eps-smoothing", "--whitespace"}
                : new String[] {"--tokenize", "--smooth", "--smooth-value"};
        for (String name : foreign) {
            if (parsed.hasMatchedOption(name)) {
                throw usage(name + " does not apply to --metric " + metric.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static final class MetricConverter implements ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            switch (value) {
                case "bleu":
                    return Metric.BLEU;
                case "chrf":
                    return Metric.CHRF;
                default:
                    throw new TypeConversionException("unknown metric '" + value + "'; valid: bleu, chrf");
            }
        }
    }

    static final class TokenizerConverter implements ITypeConverter<BleuTokenizer> {
        @Override
        public BleuTokenizer convert(String value) {
            try {
                return BleuTokenizer.fromId(value);
            } catch (ConfigurationException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SmoothingConverter implements ITypeConverter<Smoothing> {
        @Override
        public Smoothing convert(String value) {
            try {
                return Smoothing.fromId(value);
            } catch (ConfigurationException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
