package org.attn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attn4j.core.pipeline.Attn4j;
import org.attn4j.core.pipeline.Translation;
import org.attn4j.core.pipeline.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attn4j translate}: one sentence a line from stdin or a file, translations to stdout or a
 * file (written to a temporary file and renamed). Empty lines give empty lines; a line longer
 * than the model's limit is cut and noted on stderr.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Translates one sentence per line.")
final class TranslateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Trained model directory.")
    private Path model;

    @Option(names = "--input", paramLabel = "FILE", description = "Source sentences (default: standard input).")
    private Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where translations go (default: standard output).")
    private Path output;

    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() throws IOException {
        search.check(); // bad options fail before any input is read
        List<String> lines = input != null ? LineFiles.read(input, "input file") : readStdin();
        List<Translation> out;
        try (Translator t = Attn4j.load(model, search.backend)) {
            out = t.translate(lines, search.search(model), false);
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).truncated()) {
                spec.commandLine().getErr().printf("line %d: longer than %d tokens; translated its first %d%n", i + 1,
                        Translator.MAX_SOURCE_TOKENS, Translator.MAX_SOURCE_TOKENS);
            }
        }
        if (output == null) {
            PrintWriter w = spec.commandLine().getOut();
            out.forEach(t -> w.println(t.text()));
            w.flush();
        } else {
            writeAtomically(output, out.stream().map(Translation::text).toList());
        }
        return 0;
    }

    private static List<String> readStdin() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    static void writeAtomically(Path file, List<String> lines) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
