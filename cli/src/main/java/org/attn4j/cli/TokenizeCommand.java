package org.attn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attn4j.api.config.Options;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.tokenizers.SentencePieceTokenizer;
import org.attn4j.tokenizers.TokenVocabulary;
import org.attn4j.tokenizers.Tokenizers;
import org.attn4j.tokenizers.sentencepiece.SentencePieceProcessor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn4j tokenize}: one text a line from standard input (or {@code --input}), its
 * tokens to standard output, a line each: ids separated by spaces, or with {@code --pieces}
 * the token strings. The tokenizer is a provider with options ({@code --tokenizer NAME
 * --model FILE --option KEY=VALUE}) or one saved in a directory ({@code --dir DIR}, which also
 * supplies {@code vocab.json}). Ids come from the vocabulary ({@code --vocab} or the
 * directory's); a {@code sentencepiece} tokenizer without one gives the model's own ids, as the
 * reference library does. A line the tokenizer rejects is reported on standard error with its
 * line number and printed as an empty line, so that the output stays aligned with the input;
 * the other lines still print and the exit code is then {@value Main#FAILURE}.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Prints the token ids (or pieces) of each input line, a line each.")
final class TokenizeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--tokenizer", paramLabel = "NAME", description = "Tokenizer provider, e.g. sentencepiece.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "A saved tokenizer (tokenizer.json, vocab.json).")
        Path dir;
    }

    @Option(names = "--model", paramLabel = "FILE", description = "The tokenizer's model file (its 'model' option).")
    private Path model;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Another tokenizer option, e.g. lowercase=true.")
    private Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--vocab", paramLabel = "FILE", description = "vocab.json mapping tokens to ids.")
    private Path vocab;

    @Option(names = "--pieces", description = "Print the tokens instead of their ids.")
    private boolean pieces;

    @Option(names = "--input", paramLabel = "FILE", description = "Input lines (default: standard input).")
    private Path input;

    @Override
    public Integer call() throws IOException {
        Tokenizer tokenizer = tokenizer();
        Vocabulary vocabulary = vocabulary();
        SentencePieceProcessor own = vocabulary == null && tokenizer instanceof SentencePieceTokenizer sp ? sp.processor() : null;
        if (!pieces && vocabulary == null && own == null) {
            throw new ParameterException(spec.commandLine(), "ids need a vocabulary: give --vocab FILE or --dir DIR,"
                    + " or print --pieces");
        }
        List<String> lines = input != null ? LineFiles.read(input, "input file") : readStdin();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text;
            try {
                List<String> tokens = tokenizer.split(lines.get(i));
                text = pieces ? String.join(" ", tokens) : ids(tokens, vocabulary, own);
            } catch (IllegalArgumentException e) {
                err.println("tokenize: line " + (i + 1) + ": " + e.getMessage());
                text = "";
                bad++;
            }
            out.println(text);
        }
        out.flush();
        if (bad > 0) {
            err.println("tokenize: " + bad + " of " + lines.size() + " lines could not be tokenized");
            err.flush();
            return Main.FAILURE;
        }
        return Main.OK;
    }

    private Tokenizer tokenizer() {
        Tokenizers tokenizers = Tokenizers.discover(PluginDiscovery.contextLoader());
        if (source.dir != null) {
            if (model != null || !options.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--model and --option go with --tokenizer, not --dir");
            }
            return tokenizers.load(source.dir);
        }
        Map<String, Object> block = new LinkedHashMap<>(options);
        block.put(Tokenizers.NAME_KEY, source.name);
        if (model != null) {
            block.put("model", model.toString());
        }
        return tokenizers.create(Options.of("--tokenizer " + source.name, block), null);
    }

    private Vocabulary vocabulary() {
        if (vocab != null) {
            return TokenVocabulary.load(vocab);
        }
        if (source.dir != null && Files.isRegularFile(source.dir.resolve(TokenVocabulary.FILE_NAME))) {
            return TokenVocabulary.load(source.dir.resolve(TokenVocabulary.FILE_NAME));
        }
        return null;
    }

    private static String ids(List<String> tokens, Vocabulary vocabulary, SentencePieceProcessor own) {
        StringBuilder line = new StringBuilder();
        for (String token : tokens) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(own != null ? own.pieceToId(token) : vocabulary.id(token));
        }
        return line.toString();
    }

    private static List<String> readStdin() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
