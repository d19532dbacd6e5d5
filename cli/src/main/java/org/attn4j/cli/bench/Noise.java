package org.attn4j.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine was around a measurement, as the peers' scripts report it: this process's
 * CPU seconds, and the machine's busy CPU seconds from {@code /proc/stat} (user, nice, system,
 * irq, softirq, steal), so that the other processes' share can be printed beside a figure.
 */
final class Noise {
    /** Linux's USER_HZ, the unit of {@code /proc/stat}. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Noise() {
    }

    /** CPU seconds used by this JVM so far, or NaN where the JVM does not say. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Busy CPU seconds of the whole machine since boot, or NaN where {@code /proc/stat} cannot be read. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
