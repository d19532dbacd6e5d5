package org.attn4j.core.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for training: epoch, batches done, running loss, tokens per second and the
 * estimated time left in the epoch. On a terminal it redraws one line; otherwise (logs, CI) it
 * prints a line at every tenth of the epoch.
 */
final class Progress {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean terminal;
    private int lastTenth = -1;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(int epoch, int done, int total, double loss, double tokensPerSecond, double elapsedSeconds) {
        if (out == null) {
            return;
        }
        int tenth = total == 0 ? 10 : done * 10 / total;
        if (!terminal && tenth == lastTenth) {
            return;
        }
        lastTenth = tenth;
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        double eta = done == 0 ? 0 : elapsedSeconds * (total - done) / done;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format(Locale.ROOT, "epoch %d [%s] %d/%d loss %.4f %,.0f tok/s ETA %s", epoch + 1, bar, done,
                total, loss, tokensPerSecond, time(eta));
        if (terminal) {
            out.print("\r" + line);
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    void line(String text) {
        if (out != null) {
            out.println(text);
            out.flush();
        }
    }

    private static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
