package org.attn4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the command line with captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cmd = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    String lastOutLine() {
        List<String> lines = outLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
