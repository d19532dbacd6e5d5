package org.attn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.attn4j.api.Attn4jException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code attn4j} command. Exit codes: {@value #OK} on success,
 * {@value #FAILURE} when the command fails (unreadable or inconsistent input, any attn4j
 * error; a one-line message on standard error), {@value #USAGE} on bad usage (unknown or
 * missing options, invalid values; the message and the usage on standard error).
 */
public final class Main {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and failed. */
    public static final int FAILURE = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * A configured command line: subcommands, exit codes and error reporting as documented
     * above. Callers may redirect its output with {@link CommandLine#setOut} and
     * {@link CommandLine#setErr} before {@link CommandLine#execute}.
     */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new Attn4jCommand());
        cmd.setParameterExceptionHandler(Main::badUsage);
        cmd.setExecutionExceptionHandler(Main::failure);
        return cmd;
    }

    private static int badUsage(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getUsageMessage(cmd.getColorScheme()));
        err.flush();
        return USAGE;
    }

    private static int failure(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
        if (ex instanceof Attn4jException) {
            err.println(prefix + oneLine(ex.getMessage()));
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            Throwable io = ex instanceof UncheckedIOException ? ex.getCause() : ex;
            err.println(prefix + "I/O error: " + oneLine(String.valueOf(io.getMessage())));
        } else {
            // A bug rather than bad input: keep the trace for the report.
            err.println(prefix + "internal error: " + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    private static String oneLine(String message) {
        return message.replace("\r", " ").replace('\n', ' ');
    }
}
