package org.attn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code attn4j} command: holds the subcommands, {@code --help} and {@code --version}. */
@Command(name = "attn4j",
        mixinStandardHelpOptions = true,
        versionProvider = Attn4jCommand.Version.class,
        description = "Sequence-to-sequence models with attention on the JVM.",
        subcommands = {TrainCommand.class, TranslateCommand.class, EvaluateCommand.class, ScoreCommand.class,
            AverageCommand.class, ExportCommand.class, ImportCommand.class, AttentionCommand.class, PluginsCommand.class,
            BenchCommand.class, DemoCommand.class, TokenizeCommand.class,
            CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class Attn4jCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required command");
    }

    /** Reads the version Maven wrote into {@code version.properties} at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"attn4j " + version()};
        }

        static String version() {
            Properties p = new Properties();
            try (InputStream in = Attn4jCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version", "unknown");
        }
    }
}
